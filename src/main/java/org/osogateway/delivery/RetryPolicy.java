package org.osogateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter, a cap, a give-up deadline and respect for the receiver's Retry-After. */
public record RetryPolicy(
        Duration initialDelay,
        double multiplier,
        Duration maxDelay,
        Duration giveUpAfter,
        double jitter,
        DoubleSupplier random) {

    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);
    /** A receiver may be down for a whole school holiday week; give up only after that. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofDays(7);
    public static final double DEFAULT_JITTER = 0.2;

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(random, "random");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be >= initialDelay");
        }
        if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("giveUpAfter must be positive");
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** The defaults: 30 s, x2, capped at 1 h, give up after 7 days, +/-20% jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY,
                DEFAULT_GIVE_UP_AFTER, DEFAULT_JITTER, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same policy with another random source (values in [0, 1)); for deterministic tests. */
    public RetryPolicy withRandom(DoubleSupplier newRandom) {
        return new RetryPolicy(initialDelay, multiplier, maxDelay, giveUpAfter, jitter, newRandom);
    }

    /** The moment after which no attempt is made any more. */
    public Instant giveUpAt(Instant acceptedAt) {
        return acceptedAt.plus(giveUpAfter);
    }

    /**
     * When to try again after {@code attemptsDone} failed attempts, or empty to give up (the job becomes FAILED).
     *
     * @param attemptsDone attempts made so far, at least 1
     * @param acceptedAt   when the dossier was accepted; the give-up deadline counts from here
     * @param now          the moment the last attempt failed
     * @param retryAfter   the receiver's Retry-After, or null
     */
    public Optional<Instant> nextAttemptAt(int attemptsDone, Instant acceptedAt, Instant now, Duration retryAfter) {
        if (attemptsDone < 1) {
            throw new IllegalArgumentException("attemptsDone must be >= 1");
        }
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(now, "now");
        Duration delay = backoff(attemptsDone);
        // The receiver knows its own maintenance window better than our cap does; only the deadline limits it.
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        Instant next = now.plus(delay);
        if (next.isAfter(giveUpAt(acceptedAt))) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    /** initial * multiplier^(attemptsDone-1), jittered, then capped at maxDelay. */
    Duration backoff(int attemptsDone) {
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, attemptsDone - 1.0);
        double r = random.getAsDouble();
        if (!(r >= 0.0 && r <= 1.0)) {
            throw new IllegalStateException("random source must give values in [0, 1]");
        }
        nanos *= 1.0 - jitter + 2.0 * jitter * r;
        double cap = maxDelay.toNanos();
        // pow() overflows to Infinity for large attempt counts; the cap absorbs it.
        return nanos >= cap || Double.isNaN(nanos) ? maxDelay : Duration.ofNanos((long) nanos);
    }
}
