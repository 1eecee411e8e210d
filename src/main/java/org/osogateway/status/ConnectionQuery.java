package org.osogateway.status;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The fields of the "Is mijn school aangesloten op OSO?" form, checked; a wrong one names the field and format. */
record ConnectionQuery(String brin, String vestiging, LocalDate date) {
    private static final Pattern BRIN = Pattern.compile("[0-9]{2}[A-Z]{2}");
    private static final Pattern VESTIGING = Pattern.compile("[0-9]{2}");

    /** A field the operator filled in wrongly; the message is one of the fixed sentences below. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Reads {@code brin}, optional {@code vestiging} and optional {@code date} (default {@code today}). */
    static ConnectionQuery parse(Map<String, String> fields, LocalDate today) throws Invalid {
        String brin = fields.getOrDefault("brin", "").trim().toUpperCase(Locale.ROOT);
        String vestiging = fields.getOrDefault("vestiging", "").trim();
        String date = fields.getOrDefault("date", "").trim();
        if (!BRIN.matcher(brin).matches()) {
            throw new Invalid("BRIN: 2 digits and 2 letters, e.g. 01AB.");
        }
        if (!vestiging.isEmpty() && !VESTIGING.matcher(vestiging).matches()) {
            throw new Invalid("vestiging: 2 digits, e.g. 00, or empty for the whole school.");
        }
        LocalDate on = today;
        if (!date.isEmpty()) {
            try {
                on = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new Invalid("date: YYYY-MM-DD, e.g. 2026-08-01, or empty for today.");
            }
        }
        return new ConnectionQuery(brin, vestiging.isEmpty() ? null : vestiging, on);
    }
}
