package org.osogateway.registry.remote;

import java.time.Duration;
import java.util.Optional;

/** The OSR could not answer (I/O error, timeout, 429, 5xx, unexpected status or body); may carry its Retry-After. */
public class OsrUnavailableException extends RuntimeException {
    private final transient Duration retryAfter;

    public OsrUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the OSR asked us to wait (its Retry-After header), when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
