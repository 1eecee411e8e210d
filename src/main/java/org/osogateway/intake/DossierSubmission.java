package org.osogateway.intake;

import org.osogateway.validation.CanonicalDossier;

/** A DeliverDossier request as read from the SOAP body: the envelope fields and the canonical dossier. */
public record DossierSubmission(
        String messageId,
        String senderBrin,
        String senderVestiging,
        String senderSupplierOin,
        String receiverBrin,
        String receiverVestiging,
        String routeringskenmerk,
        String overdrachtsoort,
        CanonicalDossier dossier) {

    /** The service version the dossier is in: its root element's namespace. */
    public String serviceVersion() {
        return dossier.namespace();
    }
}
