package org.osogateway.store;

import java.time.Instant;

/** A claimed delivery job: what the delivery route needs for one attempt; {@code endpointKey} may be null (old rows). */
public record DeliveryJob(
        long messagePk,
        String messageId,
        String senderBrin,
        String senderVestiging,
        String receiverBrin,
        String receiverVestiging,
        String requestedRouteringskenmerk,
        String endpointKey,
        String overdrachtsoort,
        String dossierNamespace,
        String dossierSha256,
        int attempt,
        int attemptsInSchedule,
        Instant scheduleStartedAt,
        byte[] canonicalDossier) {
}
