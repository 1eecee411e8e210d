package org.osogateway.validation;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.ValidatorHandler;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * XSD validation of a dossier fed from the StAX stream it is read from, so that it is not parsed a
 * second time. Findings are kept and reported by {@link #requireValid()}, which the intake calls
 * only after the request itself was validated (the contract's order of faults). Line and column
 * refer to the request as sent.
 */
public final class StreamedValidation {
    private final String namespace;
    private ValidatorHandler handler; // dropped at the end: it keeps its buffers (as large as the largest text)
    private final ViolationCollector collector = new ViolationCollector(SchemaCatalog.MAX_VIOLATIONS, null);
    private boolean stopped;
    private SAXException fatal;

    StreamedValidation(String namespace, ValidatorHandler handler) {
        this.namespace = namespace;
        this.handler = handler;
        handler.setErrorHandler(collector);
    }

    void start(XMLStreamReader reader) {
        handler.setDocumentLocator(new StaxLocator(reader));
        call(handler::startDocument);
    }

    void startElement(XMLStreamReader r, String qname) {
        if (stopped) {
            return;
        }
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String prefix = nz(r.getNamespacePrefix(i));
            String uri = nz(r.getNamespaceURI(i));
            call(() -> handler.startPrefixMapping(prefix, uri));
        }
        AttributesImpl atts = new AttributesImpl();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String p = nz(r.getAttributePrefix(i));
            String local = r.getAttributeLocalName(i);
            atts.addAttribute(nz(r.getAttributeNamespace(i)), local, p.isEmpty() ? local : p + ":" + local, "CDATA",
                    r.getAttributeValue(i));
        }
        String uri = nz(r.getNamespaceURI());
        String local = r.getLocalName();
        call(() -> handler.startElement(uri, local, qname, atts));
    }

    void endElement(XMLStreamReader r, String qname) {
        if (stopped) {
            return;
        }
        String uri = nz(r.getNamespaceURI());
        String local = r.getLocalName();
        call(() -> handler.endElement(uri, local, qname));
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String prefix = nz(r.getNamespacePrefix(i));
            call(() -> handler.endPrefixMapping(prefix));
        }
    }

    void characters(char[] chars, int start, int length) {
        if (!stopped) {
            call(() -> handler.characters(chars, start, length));
        }
    }

    void end() {
        call(handler::endDocument);
        stopped = true;
        handler = null;
    }

    /** @throws GatewayException SCHEMA_VIOLATION with the findings, as {@link SchemaCatalog#validate} does */
    public void requireValid() {
        if (fatal != null && !collector.truncated()) {
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The dossier could not be validated: "
                    + fatal.getMessage(), fatal);
        }
        if (!collector.violations().isEmpty()) {
            throw SchemaCatalog.schemaViolation(namespace, collector);
        }
    }

    private void call(SaxCall c) {
        if (stopped) {
            return;
        }
        try {
            c.run();
        } catch (SAXException e) {
            // The cap was reached or the validator gave up: keep what was found, stop feeding it.
            stopped = true;
            fatal = e;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private interface SaxCall {
        void run() throws SAXException;
    }

    /** The reader's position, for the validator's line and column numbers. */
    private record StaxLocator(XMLStreamReader reader) implements Locator {
        @Override public String getPublicId() {
            return null;
        }

        @Override public String getSystemId() {
            return null;
        }

        @Override public int getLineNumber() {
            Location l = reader.getLocation();
            return l == null ? -1 : l.getLineNumber();
        }

        @Override public int getColumnNumber() {
            Location l = reader.getLocation();
            return l == null ? -1 : l.getColumnNumber();
        }
    }
}
