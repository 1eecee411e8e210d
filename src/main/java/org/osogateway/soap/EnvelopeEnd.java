package org.osogateway.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import org.apache.cxf.staxutils.DepthXMLStreamReader;
import org.apache.cxf.staxutils.StaxSource;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * Reads the rest of the envelope after the request element: CXF hands the request element over as a fragment of
 * the envelope's reader and stops there, so without this a second request element, a second Body, or anything after
 * the Envelope would pass unseen. Call it once the request element is read, before anything is stored.
 */
public final class EnvelopeEnd {
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private EnvelopeEnd() {
    }

    /** The reader of a body source CXF streams; null for a source that is no fragment of the envelope. */
    public static XMLStreamReader readerOf(Source bodySource) {
        return bodySource instanceof StaxSource s ? s.getXMLStreamReader() : null;
    }

    /**
     * Refuses with MALFORMED_REQUEST what follows the request element (namespace {@code ns}, name {@code name}) other
     * than the closing Body and Envelope; {@code fragment} is the reader the request element was read from.
     */
    public static void requireNothingAfter(XMLStreamReader fragment, String ns, String name) throws XMLStreamException {
        if (!(fragment instanceof DepthXMLStreamReader depth)) {
            return; // not a fragment of a SOAP request (bean tests): there is no envelope to check
        }
        XMLStreamReader r = depth.getReader();
        // the envelope reader is at the request's end tag, or one event past it when the fragment was read to its end
        boolean atRequestEnd = r.getEventType() == XMLStreamConstants.END_ELEMENT && name.equals(r.getLocalName())
                && ns.equals(uri(r.getNamespaceURI()));
        int closed = 0; // 1 after </Body>, 2 after </Envelope>
        for (int event = atRequestEnd ? next(r) : r.getEventType(); event != XMLStreamConstants.END_DOCUMENT; event = next(r)) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                        closed == 0 ? "The SOAP body must hold exactly one request element"
                                : "The SOAP envelope must hold exactly one Body and nothing after it");
                case XMLStreamConstants.END_ELEMENT -> {
                    String expected = closed == 0 ? "Body" : "Envelope";
                    if (closed > 1 || !expected.equals(r.getLocalName()) || !SOAP11.equals(r.getNamespaceURI())) {
                        throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "Not a SOAP 1.1 envelope");
                    }
                    closed++;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!r.isWhiteSpace()) {
                        throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                                "Text outside the request element of the SOAP envelope");
                    }
                }
                default -> { } // whitespace, comments, processing instructions
            }
        }
    }

    private static int next(XMLStreamReader r) throws XMLStreamException {
        return r.hasNext() ? r.next() : XMLStreamConstants.END_DOCUMENT;
    }

    private static String uri(String s) {
        return s == null ? "" : s;
    }
}
