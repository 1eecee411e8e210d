package org.osogateway.intake;

import org.osogateway.store.Acceptance;

/**
 * The outcome of intake: the sender's messageId and how the store took it, with the endpoint it is routed to and
 * the stored dossier bytes, which the first delivery attempt uses instead of reading them back.
 */
public record AcceptedDossier(String messageId, Acceptance acceptance, String routeringskenmerk, byte[] dossier) {

    public boolean isNew() {
        return !acceptance.duplicate();
    }

    public long messagePk() {
        return acceptance.messagePk();
    }
}
