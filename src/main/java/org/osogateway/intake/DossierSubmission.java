package org.osogateway.intake;

import java.util.List;
import org.osogateway.validation.CanonicalDossier;
import org.osogateway.validation.Melding;
import org.osogateway.validation.StreamedValidation;

/**
 * A DeliverDossier request as read from the SOAP body: the envelope fields and the canonical dossier.
 * {@code authenticatedOin} is the supplier OIN of the caller's client certificate once checked, else null.
 */
public record DossierSubmission(
        String messageId,
        String senderBrin,
        String senderVestiging,
        String senderSupplierOin,
        String authenticatedOin,
        String receiverBrin,
        String receiverVestiging,
        String routeringskenmerk,
        String overdrachtsoort,
        CanonicalDossier dossier,
        DossierFacts facts,
        StreamedValidation streamedValidation,
        List<Melding> meldingen) {

    public DossierSubmission {
        meldingen = List.copyOf(meldingen);
    }

    /** The same submission with the non-rejecting meldingen of the business rules attached. */
    public DossierSubmission withMeldingen(List<Melding> found) {
        return new DossierSubmission(messageId, senderBrin, senderVestiging, senderSupplierOin, authenticatedOin,
                receiverBrin, receiverVestiging, routeringskenmerk, overdrachtsoort, dossier, facts, streamedValidation,
                found);
    }

    /** The same submission sent by the authenticated supplier {@code oin}, who is then also its sending LAS. */
    public DossierSubmission authenticatedAs(String oin) {
        return new DossierSubmission(messageId, senderBrin, senderVestiging, oin, oin, receiverBrin, receiverVestiging,
                routeringskenmerk, overdrachtsoort, dossier, facts, streamedValidation, meldingen);
    }

    /** The service version the dossier is in: its root element's namespace. */
    public String serviceVersion() {
        return dossier.namespace();
    }
}
