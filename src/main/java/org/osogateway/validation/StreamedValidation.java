package org.osogateway.validation;

import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.ValidatorHandler;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * The XSD validation of a dossier, fed from the StAX stream it is read from, and with business rules on the
 * rules' input tree, built from the same events: the dossier is parsed once. Findings are kept and reported by
 * {@link #requireValid()}, which the intake calls only after the request itself was validated (the contract's
 * order of faults); line and column refer to the request as sent.
 */
public final class StreamedValidation {
    /** Characters a handler may have seen and still be used again: its buffers grow to the largest text. */
    static final long REUSE_MAX_CHARS = 1 << 20;

    private final String namespace;
    private ValidatorHandler handler;
    private final Consumer<ValidatorHandler> giveBack;
    private long chars;
    private final ViolationCollector collector = new ViolationCollector(SchemaCatalog.MAX_VIOLATIONS, null);
    private final StaxAttributes attributes = new StaxAttributes();
    private boolean stopped;
    private SAXException fatal;

    private AttachmentContentFilter tree; // the rules' tree builder behind the attachment filter, or null
    private BuildingContentHandler builder;
    private XdmNode rulesInput;
    private SAXException treeFailure;

    /**
     * @param giveBack takes the handler after a clean end of a dossier of at most {@value #REUSE_MAX_CHARS}
     *                 characters, for the next one on this thread; a larger one's handler is dropped with its buffers
     */
    StreamedValidation(String namespace, ValidatorHandler handler, BuildingContentHandler rulesTree,
                       Consumer<ValidatorHandler> giveBack) {
        this.namespace = namespace;
        this.handler = handler;
        this.giveBack = giveBack;
        handler.setErrorHandler(collector);
        if (rulesTree != null) {
            this.builder = rulesTree;
            this.tree = new AttachmentContentFilter();
            tree.setContentHandler(rulesTree);
        }
    }

    void start(XMLStreamReader reader) {
        try {
            handler.setDocumentLocator(new StaxLocator(reader));
            handler.startDocument();
        } catch (SAXException e) {
            stop(e);
        }
        if (tree != null) {
            try {
                tree.startDocument();
            } catch (SAXException e) {
                dropTree(e);
            }
        }
    }

    void startElement(XMLStreamReader r, String qname) {
        String uri = nz(r.getNamespaceURI());
        String local = r.getLocalName();
        attributes.on(r);
        if (!stopped) {
            try {
                start(handler, r, uri, local, qname, attributes);
            } catch (SAXException e) {
                stop(e);
            }
        }
        if (tree != null) {
            try {
                start(tree, r, uri, local, qname, attributes);
            } catch (SAXException e) {
                dropTree(e);
            }
        }
    }

    void endElement(XMLStreamReader r, String qname) {
        String uri = nz(r.getNamespaceURI());
        String local = r.getLocalName();
        if (!stopped) {
            try {
                end(handler, r, uri, local, qname);
            } catch (SAXException e) {
                stop(e);
            }
        }
        if (tree != null) {
            try {
                end(tree, r, uri, local, qname);
            } catch (SAXException e) {
                dropTree(e);
            }
        }
    }

    private static void start(ContentHandler h, XMLStreamReader r, String uri, String local, String qname,
                              Attributes attributes) throws SAXException {
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            h.startPrefixMapping(nz(r.getNamespacePrefix(i)), nz(r.getNamespaceURI(i)));
        }
        h.startElement(uri, local, qname, attributes);
    }

    private static void end(ContentHandler h, XMLStreamReader r, String uri, String local, String qname)
            throws SAXException {
        h.endElement(uri, local, qname);
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            h.endPrefixMapping(nz(r.getNamespacePrefix(i)));
        }
    }

    void characters(char[] chars, int start, int length) {
        this.chars += length;
        if (!stopped) {
            try {
                handler.characters(chars, start, length);
            } catch (SAXException e) {
                stop(e);
            }
        }
        if (tree != null) {
            try {
                tree.characters(chars, start, length);
            } catch (SAXException e) {
                dropTree(e);
            }
        }
    }

    /** A processing instruction inside the dossier: part of the rules' tree (the XSD ignores it). */
    void processingInstruction(String target, String data) {
        if (tree != null) {
            try {
                tree.processingInstruction(target, data == null ? "" : data);
            } catch (SAXException e) {
                dropTree(e);
            }
        }
    }

    void end() {
        if (!stopped) {
            try {
                handler.endDocument();
                if (chars <= REUSE_MAX_CHARS) {
                    handler.setErrorHandler(null);
                    handler.setDocumentLocator(null);
                    giveBack.accept(handler);
                }
            } catch (SAXException e) {
                stop(e);
            }
        }
        stopped = true;
        handler = null;
        if (tree != null) {
            try {
                tree.endDocument();
                rulesInput = builder.getDocumentNode();
            } catch (SAXException | SaxonApiException e) {
                treeFailure = e instanceof SAXException se ? se : new SAXException(e);
            }
            tree = null;
            builder = null;
        }
    }

    /** The validator handler while the dossier streams (null once it ended). */
    ValidatorHandler handler() {
        return handler;
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

    /**
     * The business rules' input tree built while the dossier was read (attachment content shortened, as
     * {@link BusinessRules#run(byte[])} does), or null when none was asked for.
     *
     * @throws GatewayException TEMPORARILY_UNAVAILABLE when the tree could not be built
     */
    public XdmNode rulesInput() {
        if (treeFailure != null) {
            throw new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The business rules' input could not be built from the dossier", treeFailure);
        }
        return rulesInput;
    }

    /** Forgets the rules' tree once the rules ran: the exchange may live on for a while. */
    public void releaseRulesInput() {
        rulesInput = null;
    }

    private void stop(SAXException e) {
        // The cap was reached or the validator gave up: keep what was found, stop feeding it.
        stopped = true;
        fatal = e;
    }

    private void dropTree(SAXException e) {
        treeFailure = e;
        tree = null;
        builder = null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
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
