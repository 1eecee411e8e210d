package org.osogateway.mock;

import java.util.List;

/** A scenario file that cannot be used; the message holds every error, one per line, each naming file and key. */
public final class InvalidScenarioException extends IllegalArgumentException {

    private final List<String> errors;

    public InvalidScenarioException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
