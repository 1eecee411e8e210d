package org.osogateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Sender threads of the kill tests, sharing one pace: each slot one of them sends one new message (the body, given
 * the sender's number), until {@link #stopAndJoin}. A body that resends until accepted checks {@link #aborted}.
 */
final class PacedSenders {

    private final long intervalNanos;
    private final AtomicLong nextSlotNanos = new AtomicLong();
    private final AtomicBoolean stopNew = new AtomicBoolean();
    private final AtomicBoolean abort = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** {@code rate}: new messages per second over all senders; 0 or less: no pacing. */
    PacedSenders(double rate) {
        this.intervalNanos = rate <= 0 ? 0 : (long) (1e9 / rate);
    }

    void start(int senders, IntConsumer sendOne) {
        nextSlotNanos.set(System.nanoTime());
        for (int i = 0; i < senders; i++) {
            int sender = i;
            Thread th = new Thread(() -> {
                while (!stopNew.get() && !abort.get()) {
                    awaitSlot();
                    if (stopNew.get()) {
                        return;
                    }
                    sendOne.accept(sender);
                }
            }, "sender-" + i);
            th.start();
            threads.add(th);
        }
    }

    /** True once the senders were given up on: a body stops resending. */
    boolean aborted() {
        return abort.get();
    }

    /** No new messages; waits at most {@code timeoutMs} per sender. False (and aborted) when one is still busy. */
    boolean stopAndJoin(long timeoutMs) throws InterruptedException {
        stopNew.set(true);
        for (Thread th : threads) {
            th.join(timeoutMs);
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            abort.set(true);
            return false;
        }
        return true;
    }

    private void awaitSlot() {
        if (intervalNanos == 0) {
            return;
        }
        // A sender held up by a restart does not build up slots to burst with afterwards.
        long slot = nextSlotNanos.updateAndGet(prev -> Math.max(prev, System.nanoTime()) + intervalNanos) - intervalNanos;
        sleepNanos(slot - System.nanoTime());
    }

    static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
