package org.osogateway.fault;

import java.util.List;

/** A failure with a contract fault code; its message is safe to show to the caller. */
public class GatewayException extends RuntimeException {
    private final GatewayErrorCode code;
    private final List<Violation> violations;

    public GatewayException(GatewayErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public GatewayException(GatewayErrorCode code, String message, List<Violation> violations) {
        this(code, message, violations, null);
    }

    public GatewayException(GatewayErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public GatewayException(GatewayErrorCode code, String message, List<Violation> violations, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public GatewayErrorCode code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
