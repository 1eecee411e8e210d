package org.osogateway.status;

import java.time.Instant;
import java.util.List;

/** The newest part of the dead letter (FAILED messages) and its full size. */
public record DeadLetter(long total, List<Entry> entries) {
    public DeadLetter {
        entries = List.copyOf(entries);
    }

    /**
     * One FAILED message: identifiers, attempts and the last error's code, never content or the error's text.
     * {@code resendable} is false once its payload was purged (then nothing is left to re-send).
     */
    public record Entry(long messagePk, String messageId, String senderBrin, String receiverBrin, String endpoint,
                        int attempts, Instant acceptedAt, String lastErrorCode, boolean resendable) {
    }
}
