package org.osogateway.intake;

import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.staxutils.StaxUtils;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.soap.EnvelopeEnd;
import org.osogateway.validation.CanonicalDossier;
import org.osogateway.validation.DossierCanonicalizer;
import org.osogateway.validation.RequestSchema;
import org.osogateway.validation.SchemaCatalog;
import org.osogateway.validation.SecureXml;
import org.osogateway.validation.StreamedValidation;
import org.osogateway.validation.StreamingCanonicalizer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a DeliverDossierRequest in one streaming pass: the envelope fields into a small DOM (for the
 * request schema), the dossier straight into its canonical form and through its XSD validation. No
 * DOM of the dossier is built and it is parsed once, which profiling showed to matter most at intake; with
 * business rules on, the rules' input tree is built from the same stream.
 */
public final class DeliverRequestParser {
    private static final String NS = SubmissionReader.NS;

    private final SchemaCatalog catalog;
    private final boolean rulesTree;
    private final io.micrometer.core.instrument.Timer schemaTimer;

    /** @param rulesTree also build the business rules' input tree from the stream (rules on) */
    public DeliverRequestParser(SchemaCatalog catalog, boolean rulesTree) {
        this(catalog, rulesTree, ValidationTimers.NONE);
    }

    /** @param timers the {@code schema} timer takes the streaming pass over the dossier */
    public DeliverRequestParser(SchemaCatalog catalog, boolean rulesTree, ValidationTimers timers) {
        this.catalog = catalog;
        this.rulesTree = rulesTree;
        this.schemaTimer = timers.schema();
    }

    /**
     * @throws XMLStreamException when the body is not well-formed or breaks a parser limit; the SOAP
     *                            fault mapping turns it into MALFORMED_REQUEST or PAYLOAD_TOO_LARGE
     */
    public ParsedDeliverRequest parse(CxfPayload<?> payload) throws XMLStreamException {
        if (payload.getBodySources() == null || payload.getBodySources().size() != 1) {
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The SOAP body must hold exactly one request element");
        }
        Source body = payload.getBodySources().get(0);
        XMLStreamReader reader = StaxUtils.createXMLStreamReader(body);
        try {
            ParsedDeliverRequest parsed = parse(reader);
            // a second request element, Body or envelope is refused before anything is stored
            EnvelopeEnd.requireNothingAfter(reader, uri(parsed.request().getNamespaceURI()), parsed.request().getLocalName());
            return parsed;
        } finally {
            reader.close();
        }
    }

    ParsedDeliverRequest parse(XMLStreamReader reader) throws XMLStreamException {
        while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            reader.next();
        }
        Document doc = SecureXml.newDocument();
        Deque<Node> open = new ArrayDeque<>();
        open.push(doc);
        CanonicalDossier dossier = null;
        StreamedValidation validation = null;
        FactsCollector facts = new FactsCollector();
        long fieldChars = 0; // names, attribute values and text outside the dossier
        while (true) {
            switch (reader.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element e = shallowElement(doc, reader);
                    open.peek().appendChild(e);
                    boolean dossierRoot = isDossierWrapper(open.peek());
                    if (!dossierRoot) {
                        fieldChars = addFieldChars(fieldChars, fieldChars(e));
                    }
                    if (dossierRoot) {
                        // The dossier, or an extra element the request schema will refuse: keep only its root here.
                        if (dossier == null) {
                            validation = catalog.streamedValidation(uri(e.getNamespaceURI()), rulesTree).orElse(null);
                            long started = System.nanoTime();
                            byte[] canonical = StreamingCanonicalizer.canonicalize(reader, facts, validation);
                            schemaTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                            dossier = new CanonicalDossier(uri(e.getNamespaceURI()), e.getLocalName(), canonical,
                                    DossierCanonicalizer.sha256Hex(canonical));
                        } else {
                            skipSubtree(reader);
                        }
                    } else {
                        open.push(e);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    open.pop();
                    if (open.peek() == doc) {
                        if (dossier == null) {
                            throw new GatewayException(GatewayErrorCode.SCHEMA_VIOLATION,
                                    "The request holds no dossier element");
                        }
                        return new ParsedDeliverRequest(doc.getDocumentElement(), dossier, facts.facts(), validation);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    // counted before it is kept: a huge field is refused by its length, never pattern-matched
                    fieldChars = addFieldChars(fieldChars, reader.getTextLength());
                    open.peek().appendChild(doc.createTextNode(reader.getText()));
                }
                default -> { } // comments and processing instructions outside the dossier do not matter
            }
            reader.next();
        }
    }

    private static long addFieldChars(long sofar, long more) {
        long total = sofar + more;
        if (total > RequestSchema.MAX_FIELD_CHARS) {
            throw RequestSchema.tooLarge();
        }
        return total;
    }

    private static long fieldChars(Element e) {
        long n = e.getTagName().length();
        var attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            n += attributes.item(i).getNodeName().length() + attributes.item(i).getNodeValue().length();
        }
        return n;
    }

    private static boolean isDossierWrapper(Node n) {
        return n instanceof Element e && "dossier".equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())
                && e.getParentNode() instanceof Element parent && parent.getParentNode() instanceof Document;
    }

    private static Element shallowElement(Document doc, XMLStreamReader r) {
        String prefix = r.getPrefix() == null ? "" : r.getPrefix();
        Element e = doc.createElementNS(emptyToNull(r.getNamespaceURI()),
                prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String p = r.getAttributePrefix(i) == null ? "" : r.getAttributePrefix(i);
            e.setAttributeNS(emptyToNull(r.getAttributeNamespace(i)),
                    p.isEmpty() ? r.getAttributeLocalName(i) : p + ":" + r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        return e;
    }

    private static void skipSubtree(XMLStreamReader r) throws XMLStreamException {
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

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String uri(String s) {
        return s == null ? "" : s;
    }

    /** Picks the dossier's overdrachtsoort and huidigeschool brincode/vestigingscode as they stream past. */
    private static final class FactsCollector implements StreamingCanonicalizer.ElementObserver {
        private String dossierNs;
        private final String[] path = new String[3];
        private String overdrachtsoort;
        private String brincode;
        private String vestigingscode;

        @Override
        public void startElement(int depth, XMLStreamReader reader) {
            if (depth == 0) {
                dossierNs = uri(reader.getNamespaceURI());
            }
            if (depth < path.length) {
                path[depth] = dossierNs.equals(uri(reader.getNamespaceURI())) ? reader.getLocalName() : null;
            }
        }

        @Override
        public void text(int depth, char[] chars, int start, int length) {
            // depth counts the elements open around the text: 2 = a child of the dossier root
            if (depth == 2 && "overdrachtsoort".equals(path[1])) {
                overdrachtsoort = append(overdrachtsoort, chars, start, length);
            } else if (depth == 3 && "huidigeschool".equals(path[1]) && "brincode".equals(path[2])) {
                brincode = append(brincode, chars, start, length);
            } else if (depth == 3 && "huidigeschool".equals(path[1]) && "vestigingscode".equals(path[2])) {
                vestigingscode = append(vestigingscode, chars, start, length);
            }
        }

        private static String append(String sofar, char[] chars, int start, int length) {
            String text = new String(chars, start, length);
            return sofar == null ? text : sofar + text;
        }

        DossierFacts facts() {
            return new DossierFacts(trim(overdrachtsoort), trim(brincode), trim(vestigingscode));
        }

        private static String trim(String s) {
            return s == null ? null : s.trim();
        }
    }
}
