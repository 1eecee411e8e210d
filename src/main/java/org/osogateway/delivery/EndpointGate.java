package org.osogateway.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The door to one receiver endpoint (one routeringskenmerk): a bulkhead that bounds its attempts in flight, a
 * rate limiter for its drain rate, and a circuit breaker that opens after consecutive transient failures and
 * lets one probe through when its wait is over.
 */
public final class EndpointGate {
    /** What {@link #tryEnter()} answers. */
    public sealed interface Entry permits Permit, Busy, Open {
    }

    /** Not now (all its slots taken, its rate used up, or its probe under way); try again soon. */
    public record Busy(String why) implements Entry {
    }

    /** Its circuit is open: no connection until the probe at {@code probeAt}. */
    public record Open(Instant probeAt) implements Entry {
    }

    /** Listens to the breaker's state changes. */
    public interface CircuitListener {
        void changed(String routeringskenmerk, CircuitBreaker.State state, Instant probeAt);
    }

    private final String routeringskenmerk;
    private final EndpointLimits limits;
    private final Clock clock;
    private final Bulkhead bulkhead;
    private final RateLimiter rate;
    private final CircuitBreaker breaker;
    private int opens;
    private volatile Instant probeAt;

    EndpointGate(String routeringskenmerk, EndpointLimits limits, Clock clock, CircuitListener listener) {
        this.routeringskenmerk = routeringskenmerk;
        this.limits = limits;
        this.clock = clock;
        this.bulkhead = Bulkhead.of(routeringskenmerk, BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxInFlight()).maxWaitDuration(Duration.ZERO).build());
        this.rate = limits.maxRatePerSecond() > 0 ? RateLimiter.of(routeringskenmerk, rateConfig(limits.maxRatePerSecond()))
                : null;
        // N consecutive failures: a count window of N that must be 100 % failures; one probe call when half open
        this.breaker = CircuitBreaker.of(routeringskenmerk, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(limits.failureThreshold())
                .minimumNumberOfCalls(limits.failureThreshold())
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitIntervalFunctionInOpenState(attempts -> limits.openWait(attempts).toMillis())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            synchronized (this) {
                if (to == CircuitBreaker.State.OPEN) {
                    opens++;
                    // the breaker lets the probe through once its wait has strictly passed
                    probeAt = clock.instant().plus(limits.openWait(opens)).plusMillis(1);
                } else if (to == CircuitBreaker.State.CLOSED) {
                    opens = 0;
                    probeAt = null;
                }
            }
            listener.changed(routeringskenmerk, to, probeAt);
        });
    }

    // Spread the allowance over tenths of a second, so that a returning LAS gets a steady stream, not bursts.
    private static RateLimiterConfig rateConfig(double perSecond) {
        RateLimiterConfig.Builder b = RateLimiterConfig.custom().timeoutDuration(Duration.ZERO);
        if (perSecond >= 10) {
            b.limitRefreshPeriod(Duration.ofMillis(100)).limitForPeriod((int) Math.ceil(perSecond / 10));
        } else {
            b.limitRefreshPeriod(Duration.ofNanos((long) (1_000_000_000L / perSecond))).limitForPeriod(1);
        }
        return b.build();
    }

    public String routeringskenmerk() {
        return routeringskenmerk;
    }

    /** A permit for one attempt, or why not. Never blocks. */
    public Entry tryEnter() {
        if (!breaker.tryAcquirePermission()) {
            Instant at = probeAt;
            return breaker.getState() == CircuitBreaker.State.OPEN && at != null ? new Open(at) : new Busy("probe under way");
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return new Busy(limits.maxInFlight() + " attempts in flight");
        }
        if (rate != null && !rate.acquirePermission()) {
            bulkhead.onComplete();
            breaker.releasePermission();
            return new Busy("drain rate reached");
        }
        return new Permit(this);
    }

    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** When the open breaker lets its probe through; null unless open. */
    public Instant probeAt() {
        return breaker.getState() == CircuitBreaker.State.OPEN ? probeAt : null;
    }

    public int inFlight() {
        return limits.maxInFlight() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /** One attempt's hold on the endpoint; give it back with exactly one outcome, then (or instead) release. */
    public static final class Permit implements Entry {
        private final EndpointGate gate;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean judged = new AtomicBoolean();
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(EndpointGate gate) {
            this.gate = gate;
        }

        public EndpointGate gate() {
            return gate;
        }

        /** The receiver answered (delivered, or refused for good): it is alive. */
        public void answered() {
            if (judged.compareAndSet(false, true)) {
                gate.breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        }

        /** A transient failure: no answer, a timeout, an HTTP 5xx or a retryable fault. */
        public void failed(Throwable cause) {
            if (judged.compareAndSet(false, true)) {
                gate.breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, cause);
            }
        }

        /** Ends the hold; without an outcome (no call was made) the breaker is told nothing about the endpoint. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                if (judged.compareAndSet(false, true)) {
                    gate.breaker.releasePermission();
                }
                gate.bulkhead.onComplete();
            }
        }
    }
}
