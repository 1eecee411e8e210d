package org.osogateway.delivery;

import java.util.Objects;

/**
 * Everything one outbound ReceiveDossier call carries.
 *
 * @param messageId         the sender's idempotency key
 * @param senderBrin        sending school
 * @param senderVestiging   sending branch, or null
 * @param receiverBrin      receiving school
 * @param receiverVestiging receiving branch, or null
 * @param routeringskenmerk the endpoint's routing key
 * @param overdrachtsoort   overstapdossier, overdrachtbinnenbrin or swv-dossier
 * @param attempt           1-based attempt number
 * @param dossierSha256     lower-case hex SHA-256 of the canonical dossier
 * @param canonicalDossier  the stored dossier element: Exclusive C14N, UTF-8, no XML declaration
 */
public record ReceiveDossierCall(
        String messageId,
        String senderBrin,
        String senderVestiging,
        String receiverBrin,
        String receiverVestiging,
        String routeringskenmerk,
        String overdrachtsoort,
        int attempt,
        String dossierSha256,
        byte[] canonicalDossier) {

    public ReceiveDossierCall {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderBrin, "senderBrin");
        Objects.requireNonNull(receiverBrin, "receiverBrin");
        Objects.requireNonNull(routeringskenmerk, "routeringskenmerk");
        Objects.requireNonNull(overdrachtsoort, "overdrachtsoort");
        Objects.requireNonNull(dossierSha256, "dossierSha256");
        Objects.requireNonNull(canonicalDossier, "canonicalDossier");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based");
        }
    }

    @Override
    public String toString() {
        // Never print the dossier itself: it holds pupil data.
        return "ReceiveDossierCall[messageId=" + messageId + ", sender=" + senderBrin
                + (senderVestiging == null ? "" : "/" + senderVestiging) + ", receiver=" + receiverBrin
                + (receiverVestiging == null ? "" : "/" + receiverVestiging) + ", routeringskenmerk=" + routeringskenmerk
                + ", overdrachtsoort=" + overdrachtsoort + ", attempt=" + attempt + ", dossierSha256=" + dossierSha256
                + ", dossierBytes=" + canonicalDossier.length + "]";
    }
}
