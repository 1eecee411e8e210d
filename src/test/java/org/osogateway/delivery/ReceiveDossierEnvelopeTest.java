package org.osogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

class ReceiveDossierEnvelopeTest {

    /** A tiny made-up dossier in a made-up namespace, in exclusive C14N form (no declaration, own xmlns). */
    static final String DOSSIER = "<t:overstap xmlns:t=\"urn:example:test-dossier:1\" versie=\"1\">"
            + "<t:leerling><t:naam>Test &amp; Co &lt;Ãéñ&gt;</t:naam><t:geboortejaar>2015</t:geboortejaar></t:leerling>"
            + "<plain xmlns=\"urn:example:test-dossier:plain\">x</plain><nons xmlns=\"\">y</nons></t:overstap>";

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schema = f.newSchema(Path.of("xsd/oso-las-receiver-v1.xsd").toFile());
    }

    static ReceiveDossierCall call(String senderVestiging, String receiverVestiging) {
        return new ReceiveDossierCall("msg-0001:a.b_c", "12AB", senderVestiging, "34CD", receiverVestiging,
                "ROUTE-<&>-0000000001", "overstapdossier", 3,
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                DOSSIER.getBytes(StandardCharsets.UTF_8));
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Element firstChildElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) n;
            }
        }
        throw new AssertionError("no child element in " + parent.getNodeName());
    }

    static Element child(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + local + " in " + parent.getLocalName());
    }

    @Test
    void bodyChildValidatesAgainstTheReceiverSchema() throws Exception {
        for (ReceiveDossierCall c : new ReceiveDossierCall[] {call(null, null), call("01", "02")}) {
            Document doc = parse(ReceiveDossierEnvelope.build(c));
            Element env = doc.getDocumentElement();
            assertThat(env.getNamespaceURI()).isEqualTo("http://schemas.xmlsoap.org/soap/envelope/");
            assertThat(env.getLocalName()).isEqualTo("Envelope");
            Element body = firstChildElement(env);
            assertThat(body.getLocalName()).isEqualTo("Body");
            Element request = firstChildElement(body);
            schema.newValidator().validate(new DOMSource(request));
            assertThat(request.getNamespaceURI()).isEqualTo("urn:oso-gateway:las:v1");
            assertThat(request.getLocalName()).isEqualTo("ReceiveDossierRequest");
        }
    }

    @Test
    void valuesAreWrittenAndEscaped() throws Exception {
        Element request = firstChildElement(firstChildElement(parse(ReceiveDossierEnvelope.build(call("01", "02"))).getDocumentElement()));
        assertThat(child(request, "messageId").getTextContent()).isEqualTo("msg-0001:a.b_c");
        assertThat(child(child(request, "sender"), "brin").getTextContent()).isEqualTo("12AB");
        assertThat(child(child(request, "sender"), "vestiging").getTextContent()).isEqualTo("01");
        assertThat(child(child(request, "receiver"), "brin").getTextContent()).isEqualTo("34CD");
        assertThat(child(child(request, "receiver"), "vestiging").getTextContent()).isEqualTo("02");
        assertThat(child(child(request, "receiver"), "routeringskenmerk").getTextContent()).isEqualTo("ROUTE-<&>-0000000001");
        assertThat(child(request, "overdrachtsoort").getTextContent()).isEqualTo("overstapdossier");
        assertThat(child(request, "attempt").getTextContent()).isEqualTo("3");
        assertThat(child(request, "dossierSha256").getTextContent()).startsWith("0123456789abcdef");
    }

    @Test
    void optionalVestigingenAreOmitted() throws Exception {
        String xml = new String(ReceiveDossierEnvelope.build(call(null, "")), StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("vestiging");
    }

    @Test
    void dossierIsCopiedVerbatimAndXmlIdentical() throws Exception {
        byte[] built = ReceiveDossierEnvelope.build(call(null, null));
        // byte-for-byte present, so dossierSha256 still matches what the receiver hashes
        assertThat(new String(built, StandardCharsets.UTF_8)).contains("<osolas:dossier>" + DOSSIER + "</osolas:dossier>");

        Element request = firstChildElement(firstChildElement(parse(built).getDocumentElement()));
        Element dossier = firstChildElement(child(request, "dossier"));
        Diff diff = DiffBuilder.compare(Input.fromNode(parse(DOSSIER.getBytes(StandardCharsets.UTF_8)).getDocumentElement())).withTest(Input.fromNode(dossier))
                .checkForIdentical().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
        // the unprefixed elements keep their namespaces: none leaks in from the envelope
        Element noNamespace = child(dossier, "nons");
        assertThat(noNamespace.getNamespaceURI()).isNull();
    }

    @Test
    void theEntityWritesAndReadsTheSameBytesAsTheBuiltRequest() throws Exception {
        ReceiveDossierCall c = call("01", "02");
        byte[] built = ReceiveDossierEnvelope.build(c);
        org.apache.hc.core5.http.HttpEntity entity = ReceiveDossierEnvelope.entity(c);
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        entity.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(built);
        assertThat(entity.getContentLength()).isEqualTo(built.length);
        assertThat(entity.isRepeatable()).isTrue();
        try (java.io.InputStream in = entity.getContent()) {
            assertThat(in.readAllBytes()).isEqualTo(built); // what a retrying or logging client would read
        }
        assertThat(entity.getContentType()).isEqualTo("text/xml; charset=UTF-8");
    }

    @Test
    void illegalCharactersAndNonElementsAreRefused() {
        ReceiveDossierCall bad = new ReceiveDossierCall("id\u0001", "12AB", null, "34CD", null, "R", "overstapdossier", 1, "00",
                DOSSIER.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ReceiveDossierEnvelope.build(bad)).isInstanceOf(IllegalArgumentException.class);
        ReceiveDossierCall withDecl = new ReceiveDossierCall("id", "12AB", null, "34CD", null, "R", "overstapdossier", 1, "00",
                ("<?xml version=\"1.0\"?>" + DOSSIER).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ReceiveDossierEnvelope.build(withDecl)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotShowTheDossier() {
        assertThat(call(null, null).toString()).doesNotContain("leerling").contains("msg-0001");
    }

    @Test
    void soapActionIsTheWsdlOne() {
        assertThat(ReceiveDossierEnvelope.SOAP_ACTION).isEqualTo("urn:oso-gateway:las:v1:ReceiveDossier");
    }
}
