package org.osogateway.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one delivery attempt, as the retry logic needs it.
 *
 * @param kind       delivered, worth retrying, or never going to work
 * @param code       a stable machine-readable code, e.g. {@code RECEIVER_HTTP_503}
 * @param message    a short human-readable explanation; never contains dossier content
 * @param retryAfter the receiver's Retry-After (transient outcomes only), or null
 * @param httpStatus the HTTP status answered, or null when no response was received
 */
public record DeliveryOutcome(Kind kind, String code, String message, Duration retryAfter, Integer httpStatus) {

    /** The three outcome classes of the outbound contract. */
    public enum Kind { DELIVERED, TRANSIENT, PERMANENT }

    public DeliveryOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public boolean isDelivered() {
        return kind == Kind.DELIVERED;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }
}
