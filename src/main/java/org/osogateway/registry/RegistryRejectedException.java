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

    public RegistryRejectedException(Reason reason, List<String> errors) {
        super(String.join("\n", errors));
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public RegistryRejectedException(Reason reason, String error) {
        this(reason, List.of(error));
    }

    public Reason reason() {
        return reason;
    }

    public List<String> errors() {
        return errors;
    }
}
