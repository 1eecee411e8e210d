package org.osogateway.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * Reads the rest of the envelope after the request element: CXF stops at that element, so without this a second
 * request element, a second Body, or anything after the Envelope would pass unseen. Call it once the request
 * element is read and before anything is stored.
 */
public final class EnvelopeEnd {
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private EnvelopeEnd() {
    }

    /** Refuses with MALFORMED_REQUEST what follows the request element other than the closing Body and Envelope. */
    public static void requireNothingAfterRequest() throws XMLStreamException {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        XMLStreamReader r = message == null ? null : message.getContent(XMLStreamReader.class);
        if (r == null) {
            return; // not called inside a CXF request (bean tests)
        }
        if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
            skipElement(r); // the request element was not consumed from this reader
        }
        int closed = 0; // 1 after </Body>, 2 after </Envelope>
        if (r.getEventType() == XMLStreamConstants.END_ELEMENT && "Body".equals(r.getLocalName())
                && SOAP11.equals(r.getNamespaceURI())) {
            closed = 1; // the reader already went past the body's elements
        }
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                        closed == 0 ? "The SOAP body must hold exactly one request element"
                                : "The SOAP envelope must hold exactly one Body and nothing after it");
                case XMLStreamConstants.END_ELEMENT -> {
                    String expected = closed == 0 ? "Body" : "Envelope";
                    if (!expected.equals(r.getLocalName()) || !SOAP11.equals(r.getNamespaceURI())) {
                        throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "Not a SOAP 1.1 envelope");
                    }
                    closed++;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!r.isWhiteSpace()) {
                        throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                                "Text outside the request element of the SOAP body");
                    }
                }
                default -> { } // whitespace, comments, processing instructions, END_DOCUMENT
            }
        }
    }

    private static void skipElement(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
