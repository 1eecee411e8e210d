package org.osogateway.intake;

import org.osogateway.store.Acceptance;

/** The outcome of intake: the sender's messageId and how the store took it. */
public record AcceptedDossier(String messageId, Acceptance acceptance) {

    public boolean isNew() {
        return !acceptance.duplicate();
    }

    public long messagePk() {
        return acceptance.messagePk();
    }
}
