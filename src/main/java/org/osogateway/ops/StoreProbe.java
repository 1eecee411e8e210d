package org.osogateway.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Whether the store answers, for readiness. Cheap under load: an answer is reused for {@code maxAge}, only one
 * check runs at a time (so health polls never hold more than one pooled connection), and a caller waits at most
 * {@code timeout} for it: a store that does not hand out a connection or answer within it counts as DOWN.
 */
public final class StoreProbe implements ReadinessCheck {
    private final DataSource store;
    private final Duration timeout;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Executor executor;
    private CompletableFuture<Boolean> running;
    private boolean lastUp;
    private long lastAt;
    private boolean answered;

    /** A probe with the system clock that checks on a thread of its own. */
    public StoreProbe(DataSource store, Duration timeout, Duration maxAge) {
        this(store, timeout, maxAge, System::nanoTime, r -> {
            Thread t = new Thread(r, "oso-store-probe");
            t.setDaemon(true);
            t.start();
        });
    }

    StoreProbe(DataSource store, Duration timeout, Duration maxAge, LongSupplier nanoTime, Executor executor) {
        this.store = store;
        this.timeout = timeout;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public Status status() {
        return up() ? Status.UP : Status.DOWN;
    }

    /** Whether the store answered a validity check, now or at most {@code maxAge} ago. */
    public boolean up() {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (answered && nanoTime.getAsLong() - lastAt < maxAgeNanos) {
                return lastUp;
            }
            if (running == null) {
                CompletableFuture<Boolean> mine = CompletableFuture.supplyAsync(this::answers, executor);
                running = mine;
                mine.thenAccept(up -> remember(mine, up)); // may run at once, on this thread
                check = mine;
            } else {
                check = running;
            }
        }
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false; // the check goes on; the next caller waits for the same one, none starts a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void remember(CompletableFuture<Boolean> check, boolean up) {
        if (running == check) {
            running = null;
        }
        lastUp = up;
        lastAt = nanoTime.getAsLong();
        answered = true;
    }

    private boolean answers() {
        try (Connection c = store.getConnection()) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
