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

    private final Schema schema;

    private RequestSchema(Schema schema) {
        this.schema = schema;
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
        Validator validator = SecureXml.newValidator(schema);
        ViolationCollector collector = new ViolationCollector(SchemaCatalog.MAX_VIOLATIONS, () -> currentPath(validator, request));
        validator.setErrorHandler(collector);
        try {
            validator.validate(new DOMSource(request));
        } catch (SAXException e) {
            if (!collector.truncated()) {
                throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The request could not be validated", e);
            }
        } catch (IOException e) {
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The request could not be read", e);
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
