package org.osogateway.validation;

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

    private final Utf8Chunks out = new Utf8Chunks();
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
                        return c.out.toByteArray();
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    // the reader's own buffer, not a String copy of it: text may be megabytes of base64
                    char[] text = reader.getTextCharacters();
                    int start = reader.getTextStart();
                    int length = reader.getTextLength();
                    if (observer != null) {
                        observer.text(depth, text, start, length);
                    }
                    c.escapedText(text, start, start + length);
                    if (validation != null) {
                        validation.characters(text, start, length);
                    }
                }
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    c.out.append("<?").append(reader.getPITarget());
                    String data = reader.getPIData();
                    if (data != null && !data.isEmpty()) {
                        c.out.append(' ').append(data);
                    }
                    c.out.append("?>");
                    if (validation != null) {
                        validation.processingInstruction(reader.getPITarget(), data);
                    }
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
        int count = r.getAttributeCount();
        // Most elements declare nothing and have no attributes: then nothing is allocated for them here.
        TreeMap<String, String> declare = needs(prefix, nz(r.getNamespaceURI()), context, null);
        for (int i = 0; i < count; i++) {
            String p = nz(r.getAttributePrefix(i));
            if (!p.isEmpty() && !"xml".equals(p)) {
                declare = needs(p, nz(r.getAttributeNamespace(i)), context, declare);
            }
        }
        Map<String, String> childContext = context;
        if (declare != null) {
            childContext = new HashMap<>(context);
            for (Map.Entry<String, String> d : declare.entrySet()) {
                out.append(d.getKey().isEmpty() ? " xmlns" : " xmlns:" + d.getKey()).append("=\"");
                escapedAttribute(d.getValue());
                out.append('"');
                childContext.put(d.getKey(), d.getValue());
            }
        }
        rendered.push(childContext);
        if (count == 1) {
            attribute(qname(r.getAttributePrefix(0), r.getAttributeLocalName(0)), r.getAttributeValue(0));
        } else if (count > 1) {
            List<String[]> attributes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                attributes.add(new String[] {qname(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
                        nz(r.getAttributeNamespace(i)), r.getAttributeLocalName(i), r.getAttributeValue(i)});
            }
            attributes.sort(ATTRIBUTE_ORDER);
            for (String[] a : attributes) {
                attribute(a[0], a[3]);
            }
        }
        out.append('>');
        return qname;
    }

    private void attribute(String qname, String value) {
        out.append(' ').append(qname).append("=\"");
        escapedAttribute(value);
        out.append('"');
    }

    private static String qname(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private String end() {
        rendered.pop();
        String qname = qnames.pop();
        out.append("</").append(qname).append('>');
        return qname;
    }

    /** Adds {@code prefix} to the declarations to render unless it is in scope already; makes the map when needed. */
    private static TreeMap<String, String> needs(String prefix, String uri, Map<String, String> rendered,
                                                 TreeMap<String, String> declare) {
        if (uri.equals(rendered.get(prefix))) {
            return declare;
        }
        TreeMap<String, String> d = declare == null ? new TreeMap<>() : declare;
        d.put(prefix, uri);
        return d;
    }

    private void escapedAttribute(String s) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            String escape = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '"' -> "&quot;";
                case '\t' -> "&#x9;";
                case '\n' -> "&#xA;";
                case '\r' -> "&#xD;";
                default -> null;
            };
            if (escape != null) {
                out.append(s, run, i).append(escape);
                run = i + 1;
            }
        }
        out.append(s, run, s.length());
    }

    private void escapedText(char[] s, int start, int end) {
        int run = start;
        for (int i = start; i < end; i++) {
            String escape = switch (s[i]) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#xD;";
                default -> null;
            };
            if (escape != null) {
                out.append(s, run, i).append(escape);
                run = i + 1;
            }
        }
        out.append(s, run, end);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Sees the elements and text of the canonicalized subtree as they stream past. */
    public interface ElementObserver {
        void startElement(int depth, XMLStreamReader reader);

        /** Text of the subtree; {@code chars} is the reader's buffer, valid only during the call. */
        default void text(int depth, char[] chars, int start, int length) {
        }
    }

}
