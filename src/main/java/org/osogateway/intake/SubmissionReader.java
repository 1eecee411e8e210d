package org.osogateway.intake;

import java.util.List;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.validation.CanonicalDossier;
import org.osogateway.validation.DossierCanonicalizer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a schema-valid DeliverDossierRequest element into a {@link DossierSubmission}; the dossier
 * is taken in its exclusive canonical form, which is what is hashed, stored and delivered.
 */
public final class SubmissionReader {
    static final String NS = "urn:oso-gateway:v1";

    private final DossierCanonicalizer canonicalizer;

    public SubmissionReader(DossierCanonicalizer canonicalizer) {
        this.canonicalizer = canonicalizer;
    }

    public DossierSubmission read(Element request) {
        Element sender = child(request, "sender");
        Element receiver = child(request, "receiver");
        Element dossierWrapper = child(request, "dossier");
        Element dossier = firstElement(dossierWrapper);
        if (sender == null || receiver == null || dossier == null) {
            // The request schema makes these required; this guards against a caller of this bean skipping it.
            throw new GatewayException(GatewayErrorCode.SCHEMA_VIOLATION, "DeliverDossierRequest is incomplete");
        }
        CanonicalDossier canonical = canonicalizer.canonicalize(dossier);
        return new DossierSubmission(
                text(request, "messageId"),
                text(sender, "brin"),
                text(sender, "vestiging"),
                text(sender, "supplierOin"),
                text(receiver, "brin"),
                text(receiver, "vestiging"),
                text(receiver, "routeringskenmerk"),
                text(request, "overdrachtsoort"),
                canonical,
                DossierFacts.of(dossier),
                List.of());
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Element firstElement(Element parent) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
