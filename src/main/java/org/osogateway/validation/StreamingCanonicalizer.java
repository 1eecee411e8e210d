package org.osogateway.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Exclusive XML Canonicalization 1.0 without comments of the element a StAX reader is positioned on,
 * written while reading it, so that no DOM of the (large) dossier is ever built. Same output as
 * {@link ExclusiveCanonicalWriter}; the tests hold both to Apache Santuario.
 */
public final class StreamingCanonicalizer {
    private static final Comparator<String[]> ATTRIBUTE_ORDER = Comparator
            .comparing((String[] a) -> a[1]).thenComparing(a -> a[2]);

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Deque<Map<String, String>> rendered = new ArrayDeque<>();
    private final Deque<String> qnames = new ArrayDeque<>();

    private StreamingCanonicalizer() {
    }

    /**
     * Canonicalizes the element at the reader's current START_ELEMENT and its content, leaving the
     * reader on its END_ELEMENT. {@code observer} sees every START_ELEMENT first (depth 0 = the apex),
     * e.g. to pick out a few facts on the way.
     */
    public static byte[] canonicalize(XMLStreamReader reader, ElementObserver observer) throws XMLStreamException {
        return canonicalize(reader, observer, null);
    }

    /** As {@link #canonicalize(XMLStreamReader, ElementObserver)}, also feeding the stream to an XSD validation. */
    public static byte[] canonicalize(XMLStreamReader reader, ElementObserver observer, StreamedValidation validation)
            throws XMLStreamException {
        if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new IllegalStateException("the reader must be on a start tag");
        }
        StreamingCanonicalizer c = new StreamingCanonicalizer();
        c.rendered.push(Map.of("", ""));
        if (validation != null) {
            validation.start(reader);
        }
        int depth = 0;
        while (true) {
            switch (reader.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (observer != null) {
                        observer.startElement(depth, reader);
                    }
                    String qname = c.start(reader);
                    if (validation != null) {
                        validation.startElement(reader, qname);
                    }
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String qname = c.end();
                    if (validation != null) {
                        validation.endElement(reader, qname);
                    }
                    depth--;
                    if (depth == 0) {
                        if (validation != null) {
                            validation.end();
                        }
                        return c.out.toString().getBytes(StandardCharsets.UTF_8);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    String text = reader.getText();
                    if (observer != null) {
                        observer.text(depth, text);
                    }
                    c.escaped(text, false);
                    if (validation != null) {
                        validation.characters(text);
                    }
                }
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    c.out.append("<?").append(reader.getPITarget());
                    String data = reader.getPIData();
                    if (data != null && !data.isEmpty()) {
                        c.out.append(' ').append(data);
                    }
                    c.out.append("?>");
                }
                default -> { } // comments are omitted
            }
            reader.next();
        }
    }

    private String start(XMLStreamReader r) {
        String prefix = nz(r.getPrefix());
        String qname = prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
        qnames.push(qname);
        out.append('<').append(qname);
        Map<String, String> context = rendered.peek();
        TreeMap<String, String> declare = new TreeMap<>();
        needs(prefix, nz(r.getNamespaceURI()), context, declare);
        List<String[]> attributes = new ArrayList<>(r.getAttributeCount());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String p = nz(r.getAttributePrefix(i));
            String ns = nz(r.getAttributeNamespace(i));
            String local = r.getAttributeLocalName(i);
            attributes.add(new String[] {p.isEmpty() ? local : p + ":" + local, ns, local, r.getAttributeValue(i)});
            if (!p.isEmpty() && !"xml".equals(p)) {
                needs(p, ns, context, declare);
            }
        }
        Map<String, String> childContext = context;
        if (!declare.isEmpty()) {
            childContext = new HashMap<>(context);
            for (Map.Entry<String, String> d : declare.entrySet()) {
                out.append(d.getKey().isEmpty() ? " xmlns" : " xmlns:" + d.getKey()).append("=\"");
                escaped(d.getValue(), true);
                out.append('"');
                childContext.put(d.getKey(), d.getValue());
            }
        }
        rendered.push(childContext);
        attributes.sort(ATTRIBUTE_ORDER);
        for (String[] a : attributes) {
            out.append(' ').append(a[0]).append("=\"");
            escaped(a[3], true);
            out.append('"');
        }
        out.append('>');
        return qname;
    }

    private String end() {
        rendered.pop();
        String qname = qnames.pop();
        out.append("</").append(qname).append('>');
        return qname;
    }

    private static void needs(String prefix, String uri, Map<String, String> rendered, Map<String, String> declare) {
        if (!uri.equals(rendered.get(prefix))) {
            declare.put(prefix, uri);
        }
    }

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

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Sees the elements and text of the canonicalized subtree as they stream past. */
    public interface ElementObserver {
        void startElement(int depth, XMLStreamReader reader);

        default void text(int depth, String text) {
        }
    }

}
