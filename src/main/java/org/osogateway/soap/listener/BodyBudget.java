package org.osogateway.soap.listener;

import java.util.concurrent.atomic.AtomicLong;

/** The bytes of request bodies the SOAP port holds in memory at once ({@code gateway.soap.max-buffered-bytes}). */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that would go over it. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }
}
