package org.osogateway.store;

/**
 * An accepted-to-be dossier with its envelope data, as it is to be stored; {@code authenticatedOin} is the
 * supplier OIN of the sender's client certificate, or null for a caller without one (development on loopback);
 * {@code endpointKey} is the routeringskenmerk of the endpoint it was routed to at acceptance (the job's queue).
 */
public record NewDossier(
        String messageId,
        String senderBrin,
        String senderVestiging,
        String senderSupplierOin,
        String authenticatedOin,
        String receiverBrin,
        String receiverVestiging,
        String requestedRouteringskenmerk,
        String endpointKey,
        String overdrachtsoort,
        String dossierNamespace,
        String dossierSha256,
        byte[] canonicalDossier,
        String validationDetail,
        String routedTo,
        String correlationId) {
}
