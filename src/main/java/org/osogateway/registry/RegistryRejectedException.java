package org.osogateway.registry;

import java.util.List;

/**
 * A registry change that was refused, with why: {@link Reason#INVALID} for a wrong format or value
 * (HTTP 400), {@link Reason#NOT_FOUND} for an entry that does not exist (404), {@link Reason#CONFLICT}
 * for a change that breaks a rule between entries, e.g. R4 or an unknown reference (409).
 */
public class RegistryRejectedException extends RuntimeException {
    public enum Reason { INVALID, NOT_FOUND, CONFLICT }

    private final Reason reason;
    private final List<String> errors;
    private final List<RuleFinding> findings;

    /** Refused by the registry rules; the findings' messages are the errors, in order. */
    public RegistryRejectedException(Reason reason, List<RuleFinding> findings) {
        super(String.join("\n", findings.stream().map(RuleFinding::message).toList()));
        this.reason = reason;
        this.errors = findings.stream().map(RuleFinding::message).toList();
        this.findings = List.copyOf(findings);
    }

    /** Refused before the rules ran (an unknown entry, a duplicate key, a concurrent change): no findings. */
    public RegistryRejectedException(Reason reason, String error) {
        super(error);
        this.reason = reason;
        this.errors = List.of(error);
        this.findings = List.of();
    }

    public Reason reason() {
        return reason;
    }

    public List<String> errors() {
        return errors;
    }

    /** The rule findings, first the one an answer names; empty when refused before the rules ran. */
    public List<RuleFinding> findings() {
        return findings;
    }
}
