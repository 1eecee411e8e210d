package org.osogateway.registry;

import java.util.List;

/** A registry that breaks a format, reference or R4/R5 rule; the message holds every error, one per line. */
public class InvalidRegistryException extends IllegalArgumentException {
    private final List<String> errors;
    private final List<RuleFinding> findings;

    /** A registry that could not be read as one (file shape, YAML); it has no rule findings. */
    public InvalidRegistryException(List<String> errors) {
        this(errors, List.of());
    }

    /** Data that breaks the registry rules; each message is prefixed with {@code source}. */
    public InvalidRegistryException(String source, List<RuleFinding> findings) {
        this(findings.stream().map(f -> source + ": " + f.message()).toList(), findings);
    }

    private InvalidRegistryException(List<String> errors, List<RuleFinding> findings) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
        this.findings = List.copyOf(findings);
    }

    /** The errors, each naming the offending entry. */
    public List<String> errors() {
        return errors;
    }

    /** The rule findings behind the errors (without the source prefix); empty for an unreadable file. */
    public List<RuleFinding> findings() {
        return findings;
    }
}
