package org.osogateway.registry;

import java.util.List;

/** A registry that breaks a format, reference or R4/R5 rule; the message holds every error, one per line. */
public class InvalidRegistryException extends IllegalArgumentException {
    private final List<String> errors;

    public InvalidRegistryException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, each naming the offending entry. */
    public List<String> errors() {
        return errors;
    }
}
