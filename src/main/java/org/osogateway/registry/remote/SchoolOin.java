package org.osogateway.registry.remote;

import java.util.regex.Pattern;

/** A school's OIN from its BRIN and back: {@code 00000007} + {@code 000} + BRIN + {@code 00000} (docs/domain.md). */
public final class SchoolOin {
    private static final Pattern BRIN = Pattern.compile("[0-9]{2}[A-Z]{2}");
    private static final Pattern OIN = Pattern.compile("00000007000[0-9]{2}[A-Z]{2}[0-9]{5}");

    private SchoolOin() {
    }

    /** Whether the text is a 4-character BRIN, e.g. {@code 04HR}. */
    public static boolean isBrin(String brin) {
        return brin != null && BRIN.matcher(brin).matches();
    }

    /** The school OIN for a 4-character BRIN. */
    public static String of(String brin) {
        if (!isBrin(brin)) {
            throw new IllegalArgumentException("not a BRIN: " + brin);
        }
        return "00000007000" + brin + "00000";
    }

    /** The BRIN inside a school OIN or routeringskenmerk (both {@code 00000007000} + BRIN + 5 digits). */
    public static String brinOf(String oinOrRoutingId) {
        if (oinOrRoutingId == null || !OIN.matcher(oinOrRoutingId).matches()) {
            throw new IllegalArgumentException("not a school OIN: " + oinOrRoutingId);
        }
        return oinOrRoutingId.substring(11, 15);
    }
}
