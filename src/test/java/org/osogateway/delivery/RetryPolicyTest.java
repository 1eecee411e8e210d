package org.osogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant ACCEPTED = Instant.parse("2026-03-02T08:00:00Z");

    /** random 0.5 maps to a jitter factor of exactly 1. */
    private static RetryPolicy noJitter() {
        return RetryPolicy.defaults().withRandom(() -> 0.5);
    }

    private static Duration delayAfter(RetryPolicy policy, int attemptsDone) {
        Instant now = ACCEPTED.plusSeconds(60);
        return Duration.between(now, policy.nextAttemptAt(attemptsDone, ACCEPTED, now, null).orElseThrow());
    }

    @Test
    void defaultsAreAsDocumented() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.multiplier()).isEqualTo(2.0);
        assertThat(p.maxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(p.giveUpAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(p.jitter()).isEqualTo(0.2);
    }

    @Test
    void delayGrowsExponentiallyFromTheInitialDelay() {
        RetryPolicy p = noJitter();
        assertThat(delayAfter(p, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delayAfter(p, 2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(delayAfter(p, 3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(delayAfter(p, 5)).isEqualTo(Duration.ofSeconds(480));
    }

    @Test
    void multiplierIsConfigurable() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(10), 3.0, Duration.ofHours(1), Duration.ofDays(1), 0.0, () -> 0.9);
        assertThat(delayAfter(p, 3)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void delayIsCappedAtMaxDelay() {
        RetryPolicy p = noJitter();
        assertThat(delayAfter(p, 8)).isEqualTo(Duration.ofHours(1)); // 30 s * 128 = 64 min
        assertThat(delayAfter(p, 500)).isEqualTo(Duration.ofHours(1)); // pow overflows to infinity
    }

    @Test
    void jitterSpreadsTheDelayWithinTheConfiguredFraction() {
        RetryPolicy low = RetryPolicy.defaults().withRandom(() -> 0.0);
        RetryPolicy high = RetryPolicy.defaults().withRandom(() -> 1.0);
        assertThat(delayAfter(low, 2)).isEqualTo(Duration.ofSeconds(48)); // 60 * 0.8
        assertThat(delayAfter(high, 2)).isEqualTo(Duration.ofSeconds(72)); // 60 * 1.2
    }

    @Test
    void realRandomStaysWithinBounds() {
        RetryPolicy p = RetryPolicy.defaults();
        for (int i = 0; i < 1000; i++) {
            assertThat(delayAfter(p, 2)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        }
    }

    @Test
    void jitterIsAppliedBeforeTheCap() {
        RetryPolicy high = RetryPolicy.defaults().withRandom(() -> 1.0);
        assertThat(delayAfter(high, 20)).isEqualTo(Duration.ofHours(1));
        RetryPolicy low = RetryPolicy.defaults().withRandom(() -> 0.0);
        // 30 s * 2^7 = 3840 s; * 0.8 = 3072 s, below the cap
        assertThat(delayAfter(low, 8)).isEqualTo(Duration.ofSeconds(3072));
    }

    @Test
    void retryAfterRaisesTheDelay() {
        RetryPolicy p = noJitter();
        Instant now = ACCEPTED.plusSeconds(60);
        assertThat(p.nextAttemptAt(1, ACCEPTED, now, Duration.ofMinutes(5))).contains(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void retryAfterShorterThanTheBackoffDoesNotLowerIt() {
        RetryPolicy p = noJitter();
        Instant now = ACCEPTED.plusSeconds(60);
        assertThat(p.nextAttemptAt(3, ACCEPTED, now, Duration.ofSeconds(5))).contains(now.plusSeconds(120));
    }

    @Test
    void retryAfterIsHonouredBeyondMaxDelay() {
        RetryPolicy p = noJitter();
        Instant now = ACCEPTED.plusSeconds(60);
        assertThat(p.nextAttemptAt(1, ACCEPTED, now, Duration.ofHours(5))).contains(now.plus(Duration.ofHours(5)));
    }

    @Test
    void retryAfterBeyondTheDeadlineGivesUp() {
        RetryPolicy p = noJitter();
        Instant now = ACCEPTED.plus(Duration.ofDays(6));
        assertThat(p.nextAttemptAt(1, ACCEPTED, now, Duration.ofDays(2))).isEmpty();
    }

    @Test
    void givesUpWhenTheNextAttemptFallsAfterTheDeadline() {
        RetryPolicy p = noJitter();
        Instant deadline = ACCEPTED.plus(Duration.ofDays(7));
        assertThat(p.nextAttemptAt(50, ACCEPTED, deadline.minus(Duration.ofMinutes(59)), null)).isEmpty();
        assertThat(p.nextAttemptAt(50, ACCEPTED, deadline.minus(Duration.ofMinutes(60)), null)).contains(deadline);
        assertThat(p.giveUpAt(ACCEPTED)).isEqualTo(deadline);
    }

    @Test
    void giveUpAfterIsConfigurable() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), Duration.ofMinutes(1), 0.0, () -> 0.0);
        assertThat(p.nextAttemptAt(1, ACCEPTED, ACCEPTED, null)).contains(ACCEPTED.plusSeconds(30));
        assertThat(p.nextAttemptAt(2, ACCEPTED, ACCEPTED.plusSeconds(30), null)).isEmpty();
    }

    @Test
    void rejectsInvalidConfigurationAndArguments() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, Duration.ofHours(1), Duration.ofDays(1), 0.2, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofHours(1), Duration.ofDays(1), 0.2, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofHours(2), 2, Duration.ofHours(1), Duration.ofDays(1), 0.2, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofHours(1), Duration.ofDays(1), 1.0, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> noJitter().nextAttemptAt(0, ACCEPTED, ACCEPTED, null))
                .isInstanceOf(IllegalArgumentException.class);
        Optional<Instant> ok = noJitter().nextAttemptAt(1, ACCEPTED, ACCEPTED, null);
        assertThat(ok).isPresent();
    }
}
