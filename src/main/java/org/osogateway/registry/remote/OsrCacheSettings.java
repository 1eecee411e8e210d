package org.osogateway.registry.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * How OSR answers are cached: {@code ttl} for answers with entries, {@code negativeTtl} for empty ones,
 * {@code staleIfError} the oldest a last good answer may be when served because the OSR fails,
 * {@code maxEntries} per lookup kind, {@code maxWait} the longest a caller waits for one OSR lookup.
 */
public record OsrCacheSettings(Duration ttl, Duration negativeTtl, Duration staleIfError, long maxEntries,
                               Duration maxWait) {
    /** Defaults: 5 min, 30 s, 1 h, 10 000 entries, 30 s wait. */
    public static final OsrCacheSettings DEFAULTS = new OsrCacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofHours(1), 10_000, Duration.ofSeconds(30));

    public OsrCacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(staleIfError, "staleIfError");
        Objects.requireNonNull(maxWait, "maxWait");
        if (ttl.isNegative() || negativeTtl.isNegative() || staleIfError.isNegative() || maxEntries < 1
                || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("OSR cache settings must be positive");
        }
    }
}
