package org.osogateway.conformance;

import java.util.List;
import java.util.stream.Collectors;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;

/** A gateway fault in one line as a vendor needs it: faultcode, contract code, message and the first violations. */
final class FaultText {

    /** More than this many violations are counted, not listed: the report must stay readable. */
    static final int MAX_LISTED = 5;

    private FaultText() {
    }

    static String of(GatewayException e) {
        StringBuilder sb = new StringBuilder("the gateway answers soap:")
                .append(e.code().isClientError() ? "Client " : "Server ").append(e.code()).append(": ").append(e.getMessage());
        List<Violation> violations = e.violations();
        if (!violations.isEmpty()) {
            sb.append(" [").append(violations.stream().limit(MAX_LISTED).map(FaultText::violation)
                    .collect(Collectors.joining("; "))).append(violations.size() > MAX_LISTED
                    ? "; and " + (violations.size() - MAX_LISTED) + " more]" : "]");
        }
        return sb.toString();
    }

    static String violation(Violation v) {
        StringBuilder where = new StringBuilder();
        if (v.line() != null) {
            where.append("line ").append(v.line()).append(v.column() != null ? ":" + v.column() : "").append(' ');
        }
        if (v.location() != null) {
            where.append("at ").append(v.location()).append(' ');
        }
        if (v.rule() != null) {
            where.append(v.rule()).append(' ');
        }
        return where.append(v.message()).toString();
    }
}
