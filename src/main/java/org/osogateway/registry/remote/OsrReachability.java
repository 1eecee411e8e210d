package org.osogateway.registry.remote;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the OSR answers, for readiness: the outcome of the latest OSR request, a lookup or a probe. When that
 * outcome is older than {@code probeInterval} (a quiet gateway asks nothing, and a gateway taken out of the load
 * balancer asks nothing either), {@link #reachable()} starts one probe in the background and answers from what it
 * knows; so a check never waits for the OSR. Until the first outcome the OSR counts as unreachable.
 */
public final class OsrReachability {
    private final Runnable probe;
    private final Executor executor;
    private final Ticker ticker;
    private final long probeIntervalNanos;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean lastAnswered;
    private volatile long lastAt;
    private volatile boolean known;

    /** {@code probe}: one cheap OSR request that throws {@link OsrUnavailableException} when the OSR fails. */
    OsrReachability(Runnable probe, Executor executor, Ticker ticker, Duration probeInterval) {
        this.probe = probe;
        this.executor = executor;
        this.ticker = ticker;
        this.probeIntervalNanos = probeInterval.toNanos();
    }

    /** An OSR request got a usable answer. */
    void answered() {
        record(true);
    }

    /** An OSR request failed: unreachable, an error status, rate-limited or an unusable answer. */
    void failed() {
        record(false);
    }

    private void record(boolean ok) {
        lastAnswered = ok;
        lastAt = ticker.read();
        known = true;
    }

    /** The latest outcome; starts a probe when it is older than the probe interval (or there is none yet). */
    public boolean reachable() {
        if ((!known || ticker.read() - lastAt >= probeIntervalNanos) && probing.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    probe.run();
                    answered();
                } catch (RuntimeException e) {
                    failed();
                } finally {
                    probing.set(false);
                }
            });
        }
        return known && lastAnswered;
    }
}
