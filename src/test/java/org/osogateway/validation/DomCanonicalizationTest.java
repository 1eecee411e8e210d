package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osogateway.support.OfficialFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Canonicalizing a DOM element (walked as a StAX stream) is byte-for-byte Apache Santuario's exc-c14n. */
class DomCanonicalizationTest {

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
    void matchesSantuarioOnTrickyInput(String xml) throws Exception {
        assertSameAsSantuario(parse("<w:wrap xmlns:w=\"urn:wrap\" xmlns:p=\"urn:p\" xmlns=\"urn:outer\">" + xml + "</w:wrap>"));
    }

    @Test
    void matchesSantuarioOnEveryOfficialExample() throws Exception {
        List<Path> examples = OfficialFiles.examples();
        assertThat(examples).hasSize(24);
        for (Path example : examples) {
            Document doc = parse(Files.readString(example));
            assertThat(new DossierCanonicalizer().canonicalize(doc.getDocumentElement()).bytes()).as(example.toString())
                    .isEqualTo(santuario(doc.getDocumentElement()));
        }
    }

    private static void assertSameAsSantuario(Document wrapped) throws Exception {
        Element apex = (Element) wrapped.getDocumentElement().getFirstChild();
        byte[] ours = new DossierCanonicalizer().canonicalize(apex).bytes();
        assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(santuario(apex), StandardCharsets.UTF_8));
    }

    private static byte[] santuario(Element apex) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(apex, out);
        return out.toByteArray();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
