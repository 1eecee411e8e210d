package org.osogateway.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What GetDeliveryStatus and the CLI show of one message: state, attempts and its audit events; the endpoint its
 * job is queued for and that endpoint's circuit (the worst over the instances, null while none recorded one).
 */
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
        @JsonProperty("endpoint") String endpointKey,
        String circuit,
        List<Event> events) {

    /** One audit event as shown to callers. */
    public record Event(Instant at, String type, String detail) {
    }
}
