package org.osogateway.intake;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the dossier itself says about the transfer, for comparison with the envelope: its
 * {@code overdrachtsoort} and its current school ({@code huidigeschool/brincode}, {@code vestigingscode}).
 * Any part the dossier lacks is null. Read by element names within the dossier's own namespace, which
 * the official versions and the demo schema share.
 */
public record DossierFacts(String overdrachtsoort, String brincode, String vestigingscode) {

    public static DossierFacts of(Element dossier) {
        String ns = dossier.getNamespaceURI();
        Element school = child(dossier, ns, "huidigeschool");
        return new DossierFacts(text(child(dossier, ns, "overdrachtsoort")),
                text(child(school, ns, "brincode")), text(child(school, ns, "vestigingscode")));
    }

    private static Element child(Element parent, String ns, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null : ns.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
