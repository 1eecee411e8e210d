package org.osogateway.registry.remote;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/** Holds OSR calls back after the OSR answered with Retry-After (429/503), for at most {@link #MAX_HOLD}. */
final class OsrRateGate {
    /** A Retry-After beyond this is cut short: a wrong header must not silence the OSR for a day. */
    static final Duration MAX_HOLD = Duration.ofMinutes(15);

    private final Ticker ticker;
    private volatile long openAtNanos;
    private volatile boolean held;

    OsrRateGate(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Throws when the OSR asked us to wait and that time has not passed. */
    void check() {
        if (held) {
            long remaining = openAtNanos - ticker.read();
            if (remaining > 0) {
                Duration left = Duration.ofNanos(remaining);
                throw new OsrUnavailableException("OSR asked to wait; not asked again for " + left.toSeconds() + " s",
                        left, null);
            }
            held = false;
        }
    }

    /** Notes a failure; one with a Retry-After closes the gate for that long. */
    void failed(OsrUnavailableException e) {
        e.retryAfter().filter(d -> !d.isZero()).ifPresent(d -> {
            Duration hold = d.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : d;
            openAtNanos = ticker.read() + hold.toNanos();
            held = true;
        });
    }
}
