package org.osogateway.store;

import java.time.Instant;
import java.util.List;

/** What GetDeliveryStatus and the CLI show of one message: state, attempts and its audit events. */
public record DeliveryStatus(
        long messagePk,
        String messageId,
        String senderBrin,
        String receiverBrin,
        DeliveryState state,
        int attempts,
        Instant acceptedAt,
        Instant nextAttemptAt,
        String lastErrorCode,
        String lastErrorMessage,
        List<Event> events) {

    /** One audit event as shown to callers. */
    public record Event(Instant at, String type, String detail) {
    }
}
