package org.osogateway.intake;

import org.osogateway.validation.CanonicalDossier;
import org.osogateway.validation.StreamedValidation;
import org.w3c.dom.Element;

/**
 * A DeliverDossierRequest as read off the wire: the request as a small DOM in which the dossier is
 * only its (empty) root element, the dossier itself in canonical form, what it says of itself, and
 * its XSD validation done while it was read (null when its namespace has no schema).
 */
public record ParsedDeliverRequest(Element request, CanonicalDossier dossier, DossierFacts facts,
                                   StreamedValidation validation) {
}
