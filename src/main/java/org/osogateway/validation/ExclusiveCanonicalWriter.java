package org.osogateway.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;

/**
 * Exclusive XML Canonicalization 1.0 without comments (http://www.w3.org/2001/10/xml-exc-c14n#) of one
 * element subtree of a namespace-aware DOM, written in a single pass. A whole-subtree apex with no
 * InclusiveNamespaces list is all the gateway needs, which keeps this far cheaper than a general
 * implementation; the tests hold it byte-for-byte to Apache Santuario's output.
 */
final class ExclusiveCanonicalWriter {
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final Comparator<Attr> ATTRIBUTE_ORDER = Comparator
            .comparing((Attr a) -> a.getNamespaceURI() == null ? "" : a.getNamespaceURI())
            .thenComparing(ExclusiveCanonicalWriter::localName);

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private ExclusiveCanonicalWriter() {
    }

    /** The canonical form of {@code apex} and its descendants, UTF-8 encoded. */
    static byte[] canonicalize(Element apex) {
        ExclusiveCanonicalWriter w = new ExclusiveCanonicalWriter();
        w.element(apex, new HashMap<>(Map.of("", "")));
        return w.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @param rendered prefix → namespace URI as declared by the output ancestors ("" = default namespace) */
    private void element(Element e, Map<String, String> rendered) {
        String qname = e.getNodeName();
        out.append('<').append(qname);

        List<Attr> attributes = new ArrayList<>();
        // Visibly utilized prefixes: the element's own, and those of its prefixed attributes.
        TreeMap<String, String> declare = new TreeMap<>();
        needs(prefixOf(e), uri(e.getNamespaceURI()), rendered, declare);
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLNS_NS.equals(a.getNamespaceURI())) {
                continue; // declarations are derived from use, not copied
            }
            attributes.add(a);
            String p = a.getPrefix();
            if (p != null && !p.isEmpty() && !"xml".equals(p)) {
                needs(p, uri(a.getNamespaceURI()), rendered, declare);
            }
        }
        Map<String, String> childContext = rendered;
        if (!declare.isEmpty()) {
            childContext = new HashMap<>(rendered);
            for (Map.Entry<String, String> d : declare.entrySet()) {  // "" sorts first: xmlns before xmlns:p
                out.append(d.getKey().isEmpty() ? " xmlns" : " xmlns:" + d.getKey()).append("=\"");
                attributeValue(d.getValue());
                out.append('"');
                childContext.put(d.getKey(), d.getValue());
            }
        }
        attributes.sort(ATTRIBUTE_ORDER);
        for (Attr a : attributes) {
            out.append(' ').append(a.getNodeName()).append("=\"");
            attributeValue(a.getValue());
            out.append('"');
        }
        out.append('>');
        children(e, childContext);
        out.append("</").append(qname).append('>');
    }

    private void children(Node parent, Map<String, String> rendered) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> element((Element) n, rendered);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(n.getNodeValue());
                case Node.PROCESSING_INSTRUCTION_NODE -> {
                    ProcessingInstruction pi = (ProcessingInstruction) n;
                    out.append("<?").append(pi.getTarget());
                    if (pi.getData() != null && !pi.getData().isEmpty()) {
                        out.append(' ').append(pi.getData());
                    }
                    out.append("?>");
                }
                case Node.ENTITY_REFERENCE_NODE -> children(n, rendered);
                default -> { } // comments are omitted; nothing else occurs inside an element
            }
        }
    }

    private static void needs(String prefix, String uri, Map<String, String> rendered, Map<String, String> declare) {
        if (!uri.equals(rendered.get(prefix))) {
            declare.put(prefix, uri);
        }
    }

    private void text(String s) {
        escaped(s, false);
    }

    private void attributeValue(String s) {
        escaped(s, true);
    }

    // The escapes of the C14N spec for text and for attribute values; runs of characters that need
    // none (most text) are copied in one append.
    private void escaped(String s, boolean attribute) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            String escape = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '\r' -> "&#xD;";
                case '>' -> attribute ? null : "&gt;";
                case '"' -> attribute ? "&quot;" : null;
                case '\t' -> attribute ? "&#x9;" : null;
                case '\n' -> attribute ? "&#xA;" : null;
                default -> null;
            };
            if (escape != null) {
                out.append(s, run, i).append(escape);
                run = i + 1;
            }
        }
        out.append(s, run, s.length());
    }

    private static String prefixOf(Element e) {
        return e.getPrefix() == null ? "" : e.getPrefix();
    }

    private static String uri(String namespaceUri) {
        return namespaceUri == null ? "" : namespaceUri;
    }

    private static String localName(Attr a) {
        return a.getLocalName() != null ? a.getLocalName() : a.getNodeName();
    }
}
