package org.osogateway.conformance;

import java.time.Duration;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.validation.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads an HTTP answer of a receiving LAS into a {@link ReceiverAnswer} (DTDs refused, as everywhere). */
final class ReceiverAnswerReader {

    private static final String SOAP_NS = ReceiveDossierEnvelope.SOAP11_ENV_NS;
    private static final String LAS_NS = ReceiveDossierEnvelope.LAS_NS;

    private ReceiverAnswerReader() {
    }

    static ReceiverAnswer read(int status, String contentType, byte[] body, Duration elapsed) {
        Document doc;
        try {
            doc = SecureXml.parse(body);
        } catch (RuntimeException e) { // GatewayException (MALFORMED_REQUEST) among them
            return other(status, contentType, elapsed, body.length == 0 ? "an empty body" : "a body that is not well-formed XML");
        }
        Element envelope = doc.getDocumentElement();
        if (!SOAP_NS.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            return other(status, contentType, elapsed, "not a SOAP 1.1 envelope (root {" + envelope.getNamespaceURI()
                    + "}" + envelope.getLocalName() + ")");
        }
        Element body1 = child(envelope, SOAP_NS, "Body");
        Element content = body1 == null ? null : firstElement(body1);
        if (content == null) {
            return other(status, contentType, elapsed, "a SOAP envelope with an empty or no Body");
        }
        if (SOAP_NS.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName())) {
            return fault(status, contentType, elapsed, content);
        }
        if (LAS_NS.equals(content.getNamespaceURI()) && "ReceiveDossierResponse".equals(content.getLocalName())) {
            return new ReceiverAnswer(ReceiverAnswer.Kind.RESPONSE, status, contentType, elapsed,
                    text(child(content, LAS_NS, "messageId")), text(child(content, LAS_NS, "result")),
                    null, null, null, null, null);
        }
        return other(status, contentType, elapsed, "the Body holds {" + content.getNamespaceURI() + "}"
                + content.getLocalName() + ", not a ReceiveDossierResponse or Fault");
    }

    private static ReceiverAnswer fault(int status, String contentType, Duration elapsed, Element fault) {
        // SOAP 1.1 puts faultcode, faultstring and detail in no namespace
        Element code = child(fault, null, "faultcode");
        String faultCode = null;
        if (code != null) {
            String raw = text(code);
            int colon = raw.indexOf(':');
            String prefix = colon < 0 ? null : raw.substring(0, colon);
            String ns = code.lookupNamespaceURI(prefix);
            faultCode = SOAP_NS.equals(ns) ? raw.substring(colon + 1) : raw;
        }
        Element detail = child(fault, null, "detail");
        Element receiverFault = detail == null ? null : child(detail, LAS_NS, "ReceiverFault");
        return new ReceiverAnswer(ReceiverAnswer.Kind.FAULT, status, contentType, elapsed, null, null, faultCode,
                text(child(fault, null, "faultstring")),
                receiverFault == null ? null : text(child(receiverFault, LAS_NS, "code")),
                receiverFault == null ? null : text(child(receiverFault, LAS_NS, "message")), null);
    }

    private static ReceiverAnswer other(int status, String contentType, Duration elapsed, String problem) {
        return new ReceiverAnswer(ReceiverAnswer.Kind.OTHER, status, contentType, elapsed, null, null, null, null,
                null, null, problem);
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
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
