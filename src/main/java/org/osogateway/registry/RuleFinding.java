package org.osogateway.registry;

import java.util.Objects;

/**
 * One problem the registry rules found in registry data: which rule ({@code R4}, {@code R5}, {@code FORMAT},
 * {@code REFERENCE}, {@code UNIQUE}, {@code PERIOD}, {@code URL_POLICY}), whether it is a wrong value or a rule
 * between entries, the field it names as the admin API reports it (or null), and the message naming the entry.
 */
public record RuleFinding(String rule, Kind kind, String field, String message) {

    /** A wrong value in one entry (HTTP 400), or a rule between entries that the data breaks (HTTP 409). */
    public enum Kind { INVALID, CONFLICT }

    public RuleFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static RuleFinding invalid(String rule, String field, String message) {
        return new RuleFinding(rule, Kind.INVALID, field, message);
    }

    static RuleFinding conflict(String rule, String field, String message) {
        return new RuleFinding(rule, Kind.CONFLICT, field, message);
    }
}
