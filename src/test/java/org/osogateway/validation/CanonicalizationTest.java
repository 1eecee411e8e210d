package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osogateway.support.OfficialFiles;
import org.w3c.dom.Element;

/**
 * Exclusive canonicalization, from a StAX stream (as the SOAP stack reads) and from a DOM element, is
 * byte-for-byte Apache Santuario's exc-c14n.
 */
class CanonicalizationTest {

    static {
        org.apache.xml.security.Init.init();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<d xmlns=\"urn:a\"><x b=\"2\" a=\"1\">t</x><y/></d>",
        "<p:d xmlns:p=\"urn:p\" xmlns:unused=\"urn:u\"><p:x/><q:y xmlns:q=\"urn:q\" q:at=\"v\" plain=\"w\"/></p:d>",
        "<d xmlns=\"urn:a\"><inner xmlns=\"\"><deeper/></inner><back xmlns=\"urn:a\"/></d>",
        "<d xmlns=\"urn:a\" xmlns:z=\"urn:z\" z:b=\"1\" a=\"2\" xml:lang=\"nl\"><e z:c=\"&lt;&amp;&quot;&#9;&#10;&#13;\">&amp;&lt;&gt;&#13;\u00e9\uD83D\uDE00</e></d>",
        "<d xmlns=\"urn:a\"><!-- gone --><?pi some data?><?bare?><![CDATA[<raw & text>]]></d>",
        "<d xmlns=\"urn:a\" xmlns:p=\"urn:p\"><p:x xmlns:p=\"urn:p\"><p:y xmlns:p=\"urn:other\"/></p:x></d>",
        "<d xmlns:a=\"urn:z\" xmlns:b=\"urn:a\" b:x=\"1\" a:y=\"2\" c=\"3\"/>",
    })
    void matchesSantuarioInsideAnEnvelope(String xml) throws Exception {
        String wrapped = "<w:wrap xmlns:w=\"urn:wrap\" xmlns:p=\"urn:p\" xmlns=\"urn:outer\">" + xml + "</w:wrap>";
        String expected = new String(santuario(wrapped, 1), StandardCharsets.UTF_8);
        assertThat(new String(streaming(wrapped, 1), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(new String(fromDom(wrapped, 1), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void matchesSantuarioOnEveryOfficialExample() throws Exception {
        for (Path example : OfficialFiles.examples()) {
            String xml = Files.readString(example);
            byte[] expected = santuario(xml, 0);
            assertThat(streaming(xml, 0)).as(example.toString()).isEqualTo(expected);
            assertThat(fromDom(xml, 0)).as(example.toString()).isEqualTo(expected);
        }
    }

    /** Canonical form of the element at the given depth (0 = root, 1 = first child of the root). */
    private static byte[] streaming(String xml, int depth) throws Exception {
        XMLStreamReader r = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        int seen = -1;
        while (true) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && ++seen == depth) {
                return StreamingCanonicalizer.canonicalize(r, null);
            }
        }
    }

    private static byte[] fromDom(String xml, int depth) throws Exception {
        return new DossierCanonicalizer().canonicalize(element(xml, depth)).bytes();
    }

    private static byte[] santuario(String xml, int depth) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(element(xml, depth), out);
        return out.toByteArray();
    }

    private static Element element(String xml, int depth) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element e = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        return depth == 1 ? (Element) e.getFirstChild() : e;
    }
}
