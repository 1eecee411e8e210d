package org.osogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The head of an XSD file read cheaply with StAX: its targetNamespace and the schemaLocations of
 * its xs:include/xs:import/xs:redefine/xs:override children (which must come first in a schema).
 */
record XsdHeader(String targetNamespace, List<URI> references) {

    /** Reads up to the first schema component; {@code base} resolves relative schemaLocations. */
    static XsdHeader read(InputStream in, URI base) throws IOException {
        XMLStreamReader reader = null;
        try {
            // A factory per call: the JDK's XMLInputFactory reuses readers and is not thread-safe; loading is rare.
            reader = newStaxFactory().createXMLStreamReader(in);
            reader.nextTag();
            if (!XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(reader.getNamespaceURI()) || !"schema".equals(reader.getLocalName())) {
                return new XsdHeader(null, List.of());
            }
            String tns = reader.getAttributeValue(null, "targetNamespace");
            List<URI> refs = new ArrayList<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    break; // end of xs:schema
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = reader.getLocalName();
                if (name.equals("include") || name.equals("import") || name.equals("redefine") || name.equals("override")) {
                    String location = reader.getAttributeValue(null, "schemaLocation");
                    if (location != null && base != null) {
                        refs.add(base.resolve(location.trim()));
                    }
                    skipElement(reader);
                } else if (name.equals("annotation")) {
                    skipElement(reader);
                } else {
                    break; // the first real schema component: no more includes/imports can follow
                }
            }
            return new XsdHeader(tns, List.copyOf(refs));
        } catch (XMLStreamException e) {
            throw new IOException("Not a readable XSD: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a stream we own; nothing to recover
                }
            }
        }
    }

    private static void skipElement(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static XMLInputFactory newStaxFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
