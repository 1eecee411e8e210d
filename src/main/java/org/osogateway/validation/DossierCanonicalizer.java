package org.osogateway.validation;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.w3c.dom.Element;

/** Computes the exclusive canonical form (exc-c14n, no comments) of a dossier element and its SHA-256. */
public final class DossierCanonicalizer {

    static {
        // Registers Santuario's algorithms; idempotent and thread-safe, but only needed once.
        org.apache.xml.security.Init.init();
    }

    /**
     * Canonicalizes the dossier element in place in its document. Exclusive c14n writes the namespace
     * declarations the element visibly uses even when they are declared on an ancestor (e.g. the SOAP
     * envelope), so the result does not depend on the message that carried the dossier.
     */
    public CanonicalDossier canonicalize(Element dossier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            // A fresh Canonicalizer per call: instances keep state while writing.
            Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(dossier, out);
        } catch (InvalidCanonicalizerException | CanonicalizationException e) {
            throw new IllegalStateException("Exclusive canonicalization failed", e);
        }
        byte[] bytes = out.toByteArray();
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
