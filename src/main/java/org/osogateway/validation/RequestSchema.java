package org.osogateway.validation;

import java.io.IOException;
import java.net.URL;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/** Validates request elements from the SOAP body against the gateway's own message schema. */
public final class RequestSchema {

    /** Classpath location of the message schema (copied from the project's xsd/ folder). */
    public static final String RESOURCE = "xsd/oso-gateway-v1.xsd";

    /** Xerces exposes the DOM node being validated; we turn it into a location for the caller. */
    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";

    private static final String GATEWAY_NS = "urn:oso-gateway:v1";

    /**
     * Most characters (text, attribute values, names) a request may hold outside its dossier. A valid request
     * holds well under 1 KiB there; the bound is checked before any pattern or schema check, so a huge field
     * costs a count, not a regular-expression match.
     */
    public static final int MAX_FIELD_CHARS = 8192;

    private final ThreadLocal<Validator> validators;

    private RequestSchema(Schema schema) {
        this.validators = ThreadLocal.withInitial(() -> SecureXml.newValidator(schema));
    }

    /** Compiles the message schema from the classpath; do this once and share the instance. */
    public static RequestSchema load() {
        URL url = RequestSchema.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("Gateway message schema not on the classpath: " + RESOURCE);
        }
        try {
            return new RequestSchema(SecureXml.newSchemaFactory().newSchema(new StreamSource(url.toExternalForm())));
        } catch (SAXException e) {
            throw new IllegalStateException("Cannot compile " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates one request element (for example DeliverDossierRequest); namespace declarations on
     * its ancestors (the SOAP envelope) are taken into account. The dossier inside is skipped here:
     * it is validated against its own schema.
     *
     * @throws GatewayException SCHEMA_VIOLATION with one violation per finding (location = path of the element)
     */
    public void validate(Element original) {
        // The dossier can be megabytes; the request schema only needs to see its root element.
        Element request = withoutDossierContent(original);
        requireFieldsWithinLimit(request);
        // one validator per thread, used again for each request: making one costs about as much as using it
        Validator validator = validators.get();
        ViolationCollector collector = new ViolationCollector(SchemaCatalog.MAX_VIOLATIONS, () -> currentPath(validator, request));
        validator.setErrorHandler(collector);
        try {
            validator.validate(new DOMSource(request));
        } catch (SAXException e) {
            validators.remove(); // stopped half-way: the next request gets a fresh one
            if (!collector.truncated()) {
                throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The request could not be validated", e);
            }
        } catch (IOException e) {
            validators.remove();
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The request could not be read", e);
        } finally {
            validator.setErrorHandler(null);
        }
        if (!collector.violations().isEmpty()) {
            throw new GatewayException(GatewayErrorCode.SCHEMA_VIOLATION,
                    "The request does not validate against the gateway schema", collector.violations());
        }
    }

    /** A copy of the request in which every dossier wrapper keeps only the root elements inside it, without their content. */
    static Element withoutDossierContent(Element request) {
        Document doc = SecureXml.newDocument();
        Element copy = (Element) copyTree(doc, request);
        doc.appendChild(copy);
        return copy;
    }

    private static Node copyTree(Document doc, Node node) {
        Node copy = doc.importNode(node, false);
        boolean wrapper = node instanceof Element e && "dossier".equals(e.getLocalName())
                && GATEWAY_NS.equals(e.getNamespaceURI());
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            copy.appendChild(wrapper ? doc.importNode(child, false) : copyTree(doc, child));
        }
        return copy;
    }

    /** Refuses a request whose fields outside the dossier exceed {@link #MAX_FIELD_CHARS}, before any check of their form. */
    static void requireFieldsWithinLimit(Element request) {
        if (fieldChars(request, MAX_FIELD_CHARS) > MAX_FIELD_CHARS) {
            throw tooLarge();
        }
    }

    /** The exception for request fields over the limit, shared with the streaming parser of DeliverDossier. */
    public static GatewayException tooLarge() {
        return new GatewayException(GatewayErrorCode.PAYLOAD_TOO_LARGE, "The request fields outside the dossier exceed "
                + MAX_FIELD_CHARS + " characters");
    }

    /** Characters of names, attribute values and text under {@code node}, not counting a dossier's root; stops past {@code max}. */
    public static long fieldChars(Node node, long max) {
        long n = 0;
        if (node instanceof Element e) {
            boolean dossierRoot = e.getParentNode() instanceof Element p && "dossier".equals(p.getLocalName())
                    && GATEWAY_NS.equals(p.getNamespaceURI());
            if (dossierRoot) {
                return 0;
            }
            n += e.getTagName().length();
            var attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                n += a.getNodeName().length() + a.getNodeValue().length();
            }
        } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            return node.getNodeValue().length();
        }
        for (Node child = node.getFirstChild(); child != null && n <= max; child = child.getNextSibling()) {
            n += fieldChars(child, max - n);
        }
        return n;
    }

    /** An XPath-like path such as /DeliverDossierRequest/sender/brin of the node the validator is at. */
    private static String currentPath(Validator validator, Element root) {
        Object current;
        try {
            current = validator.getProperty(CURRENT_NODE);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            return null; // another JAXP implementation: the message alone will have to do
        }
        if (!(current instanceof Node node)) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (Node n = node; n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            path.insert(0, "/" + step((Element) n));
            if (n == root) {
                break;
            }
        }
        return path.toString();
    }

    /** local-name plus a position when the element has same-named siblings, e.g. dossier[2]. */
    private static String step(Element element) {
        String name = element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
        int position = 1;
        int total = 1;
        Node parent = element.getParentNode();
        if (parent != null) {
            total = 0;
            for (Node s = parent.getFirstChild(); s != null; s = s.getNextSibling()) {
                if (s.getNodeType() == Node.ELEMENT_NODE && name.equals(s.getLocalName() != null ? s.getLocalName() : s.getNodeName())) {
                    total++;
                    if (s == element) {
                        position = total;
                    }
                }
            }
        }
        return total > 1 ? name + "[" + position + "]" : name;
    }
}
