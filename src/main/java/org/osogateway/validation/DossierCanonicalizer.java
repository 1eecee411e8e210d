package org.osogateway.validation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.w3c.dom.Element;

/** Computes the exclusive canonical form (exc-c14n, no comments) of a dossier element and its SHA-256. */
public final class DossierCanonicalizer {

    /**
     * Canonicalizes the dossier element in place in its document. Exclusive c14n writes the namespace
     * declarations the element visibly uses even when they are declared on an ancestor (e.g. the SOAP
     * envelope), so the result does not depend on the message that carried the dossier.
     */
    public CanonicalDossier canonicalize(Element dossier) {
        byte[] bytes;
        try {
            // The DOM is walked as a StAX stream, so there is one canonicalizer for DOM and wire input.
            javax.xml.stream.XMLStreamReader reader = new org.apache.cxf.staxutils.W3CDOMStreamReader(dossier);
            while (reader.getEventType() != javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                reader.next();
            }
            bytes = StreamingCanonicalizer.canonicalize(reader, null);
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException("cannot walk the dossier", e);
        }
        String namespace = dossier.getNamespaceURI() == null ? "" : dossier.getNamespaceURI();
        String localName = dossier.getLocalName() == null ? dossier.getNodeName() : dossier.getLocalName();
        return new CanonicalDossier(namespace, localName, bytes, sha256Hex(bytes));
    }

    /**
     * Canonicalizes the root element of a standalone dossier document.
     *
     * @throws org.osogateway.fault.GatewayException MALFORMED_REQUEST when the bytes are not well-formed or hold a DTD
     */
    public CanonicalDossier canonicalize(byte[] dossierDocument) {
        return canonicalize(SecureXml.parse(dossierDocument).getDocumentElement());
    }

    /** Lower-case hex SHA-256 of the given bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
