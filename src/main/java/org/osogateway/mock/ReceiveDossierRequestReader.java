package org.osogateway.mock;

import com.ctc.wstx.stax.WstxInputFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;
import org.osogateway.delivery.ReceiveDossierEnvelope;

/** Reads the fields of a SOAP 1.1 ReceiveDossierRequest in one streaming pass and cuts out the dossier's exact bytes. */
final class ReceiveDossierRequestReader {

    private static final String SOAP_NS = ReceiveDossierEnvelope.SOAP11_ENV_NS;
    private static final String LAS_NS = ReceiveDossierEnvelope.LAS_NS;

    /** The fields the mock records. */
    record Parsed(String messageId, Integer attempt, String senderBrin, String receiverBrin, String dossierSha256,
                  byte[] dossier) {
    }

    /** The request is not a readable ReceiveDossierRequest. */
    static final class MalformedRequestException extends Exception {
        MalformedRequestException(String message) {
            super(message, null, false, false);
        }
    }

    // Woodstox, not the JDK parser: it reports exact character offsets, which let us copy the dossier verbatim
    // instead of re-serialising it (the receiver must get exactly what hashes to dossierSha256).
    private final XMLInputFactory factory;

    ReceiveDossierRequestReader() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        this.factory = f;
    }

    Parsed read(byte[] body) throws MalformedRequestException {
        // The contract is UTF-8; decoding and re-encoding valid UTF-8 is lossless, so the cut-out bytes are exact.
        String xml = new String(body, StandardCharsets.UTF_8);
        String messageId = null;
        Integer attempt = null;
        String senderBrin = null;
        String receiverBrin = null;
        String sha = null;
        byte[] dossier = null;
        XMLStreamReader2 r = null;
        try {
            r = (XMLStreamReader2) factory.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            String level2 = null; // Header or Body
            String parent = null; // the depth-4 element we are in
            String field = null;  // the field whose text we collect
            StringBuilder text = new StringBuilder();
            long dossierStart = -1;
            int dossierChildren = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new MalformedRequestException("DTD not allowed");
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String ns = r.getNamespaceURI();
                    String local = r.getLocalName();
                    if (depth == 1 && !(SOAP_NS.equals(ns) && "Envelope".equals(local))) {
                        throw new MalformedRequestException("not a SOAP 1.1 envelope");
                    }
                    // Header entries live at depth 3 too; only the Body's child must be our request.
                    if (depth == 3 && "Body".equals(level2) && !(LAS_NS.equals(ns) && "ReceiveDossierRequest".equals(local))) {
                        throw new MalformedRequestException("Body child is not a ReceiveDossierRequest");
                    }
                    if (depth == 2) {
                        level2 = SOAP_NS.equals(ns) ? local : null;
                    } else if (depth == 4 && "Body".equals(level2)) {
                        parent = local;
                        field = ("messageId".equals(local) || "attempt".equals(local) || "dossierSha256".equals(local))
                                ? local : null;
                    } else if (depth == 5 && "Body".equals(level2)) {
                        if ("dossier".equals(parent)) {
                            dossierChildren++;
                            dossierStart = r.getLocationInfo().getStartingCharOffset();
                        } else if ("brin".equals(local) && ("sender".equals(parent) || "receiver".equals(parent))) {
                            field = parent + "Brin";
                        }
                    }
                    text.setLength(0);
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    if (field != null && text.length() < 1024) {
                        text.append(r.getText());
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (field != null) {
                        String value = text.toString().trim();
                        switch (field) {
                            case "messageId" -> messageId = value;
                            case "dossierSha256" -> sha = value;
                            case "senderBrin" -> senderBrin = value;
                            case "receiverBrin" -> receiverBrin = value;
                            case "attempt" -> attempt = parseAttempt(value);
                            default -> { }
                        }
                        field = null;
                    }
                    if (depth == 5 && "dossier".equals(parent) && "Body".equals(level2)) {
                        long end = r.getLocationInfo().getEndingCharOffset();
                        dossier = dossierChildren != 1 ? null : xml.substring((int) dossierStart, (int) end).getBytes(StandardCharsets.UTF_8);
                    }
                    if (depth == 4) {
                        parent = null;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedRequestException("not well-formed XML");
        } finally {
            close(r);
        }
        if (messageId == null || messageId.isEmpty()) {
            throw new MalformedRequestException("no messageId");
        }
        if (dossier == null) {
            throw new MalformedRequestException("dossier must hold exactly one element");
        }
        return new Parsed(messageId, attempt, senderBrin, receiverBrin, sha, dossier);
    }

    private static Integer parseAttempt(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void close(XMLStreamReader2 r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // a String reader holds nothing to release
            }
        }
    }
}
