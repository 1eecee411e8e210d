package org.osogateway.intake;

import java.util.List;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Turns a parsed, schema-valid DeliverDossierRequest into a {@link DossierSubmission}; the dossier is
 * in its exclusive canonical form, which is what is hashed, stored and delivered.
 */
public final class SubmissionReader {
    static final String NS = "urn:oso-gateway:v1";

    /** The submission of a request read by {@link DeliverRequestParser} (dossier already canonical). */
    public DossierSubmission read(ParsedDeliverRequest parsed) {
        Element request = parsed.request();
        Element sender = child(request, "sender");
        Element receiver = child(request, "receiver");
        if (sender == null || receiver == null) {
            throw new GatewayException(GatewayErrorCode.SCHEMA_VIOLATION, "DeliverDossierRequest is incomplete");
        }
        return new DossierSubmission(text(request, "messageId"), text(sender, "brin"), text(sender, "vestiging"),
                text(sender, "supplierOin"), null, text(receiver, "brin"), text(receiver, "vestiging"),
                text(receiver, "routeringskenmerk"), text(request, "overdrachtsoort"), parsed.dossier(), parsed.facts(),
                parsed.validation(), List.of());
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
}
