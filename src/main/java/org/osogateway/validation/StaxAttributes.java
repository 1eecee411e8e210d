package org.osogateway.validation;

import javax.xml.stream.XMLStreamReader;
import org.xml.sax.Attributes;

/**
 * The attributes of the reader's current start tag seen as SAX {@link Attributes}, read from the reader itself:
 * one instance per stream, nothing copied per element. Valid only while the reader is on that start tag.
 */
final class StaxAttributes implements Attributes {
    private XMLStreamReader reader;

    StaxAttributes on(XMLStreamReader r) {
        this.reader = r;
        return this;
    }

    @Override
    public int getLength() {
        return reader.getAttributeCount();
    }

    @Override
    public String getURI(int index) {
        return nz(reader.getAttributeNamespace(index));
    }

    @Override
    public String getLocalName(int index) {
        return reader.getAttributeLocalName(index);
    }

    @Override
    public String getQName(int index) {
        String prefix = reader.getAttributePrefix(index);
        String local = reader.getAttributeLocalName(index);
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    @Override
    public String getType(int index) {
        return "CDATA"; // no DTD is ever read, so every attribute is CDATA
    }

    @Override
    public String getValue(int index) {
        return reader.getAttributeValue(index);
    }

    @Override
    public int getIndex(String uri, String localName) {
        for (int i = 0; i < getLength(); i++) {
            if (getURI(i).equals(nz(uri)) && getLocalName(i).equals(localName)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int getIndex(String qName) {
        for (int i = 0; i < getLength(); i++) {
            if (getQName(i).equals(qName)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String getType(String uri, String localName) {
        return getIndex(uri, localName) < 0 ? null : "CDATA";
    }

    @Override
    public String getType(String qName) {
        return getIndex(qName) < 0 ? null : "CDATA";
    }

    @Override
    public String getValue(String uri, String localName) {
        int i = getIndex(uri, localName);
        return i < 0 ? null : getValue(i);
    }

    @Override
    public String getValue(String qName) {
        int i = getIndex(qName);
        return i < 0 ? null : getValue(i);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
