package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/** Verifies the exclusive canonical form and SHA-256 of dossiers, standalone and embedded in a message. */
class DossierCanonicalizerTest {

    private static final Logger LOG = LoggerFactory.getLogger(DossierCanonicalizerTest.class);

    private final DossierCanonicalizer canonicalizer = new DossierCanonicalizer();

    @Test
    void officialExampleCanonicalFormReparsesToIdenticalDocument() {
        byte[] original = TestFiles.read(TestFiles.povoFull2019());
        CanonicalDossier first = canonicalizer.canonicalize(original);
        CanonicalDossier second = canonicalizer.canonicalize(first.bytes());

        assertThat(first.namespace()).isEqualTo(TestFiles.NS_2019);
        assertThat(first.localName()).isEqualTo("dossier");
        assertThat(second.bytes()).isEqualTo(first.bytes());
        Diff identical = DiffBuilder.compare(first.bytes()).withTest(second.bytes()).checkForIdentical().build();
        assertThat(identical.hasDifferences()).as(identical.toString()).isFalse();
        // c14n changes only the serialization: the information set equals the original's.
        Diff similar = DiffBuilder.compare(original).withTest(first.bytes()).checkForSimilar().build();
        assertThat(similar.hasDifferences()).as(similar.toString()).isFalse();
    }

    @Test
    void hashIsStableAndEqualsIndependentSha256() throws Exception {
        byte[] original = TestFiles.read(TestFiles.povoFull2019());
        CanonicalDossier a = canonicalizer.canonicalize(original);
        CanonicalDossier b = canonicalizer.canonicalize(original);

        assertThat(a.sha256()).isEqualTo(b.sha256()).matches("[0-9a-f]{64}");
        String independent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.bytes()));
        assertThat(a.sha256()).isEqualTo(independent);
    }

    @Test
    void demoDossierHashEqualsIndependentSha256() throws Exception {
        CanonicalDossier c = canonicalizer.canonicalize(TestFiles.sample("valid-demo-dossier.xml"));
        String independent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.bytes()));
        assertThat(c.sha256()).isEqualTo(independent);
        String text = new String(c.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\">").doesNotContain("<?xml").doesNotContain("<!--");
    }

    @Test
    void embeddedDossierGetsInheritedNamespaceAndSameHashAsStandalone() {
        String standalone = new String(TestFiles.sample("valid-demo-dossier.xml"), StandardCharsets.UTF_8);
        // Move the namespace declaration to an ancestor, as in a SOAP message, and add an unused one.
        String body = standalone.substring(standalone.indexOf("<dossier"))
                .replaceFirst("<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\">", "<dossier>");
        String wrapped = "<w:Envelope xmlns:w=\"urn:test:wrapper\" xmlns:unused=\"urn:test:unused\""
                + " xmlns=\"urn:oso-gateway:demo:dossier:v1\"><w:Body>" + body + "</w:Body></w:Envelope>";
        Document doc = SecureXml.parse(wrapped.getBytes(StandardCharsets.UTF_8));
        Element dossier = (Element) doc.getElementsByTagNameNS(TestFiles.NS_DEMO, "dossier").item(0);

        CanonicalDossier embedded = canonicalizer.canonicalize(dossier);
        String text = new String(embedded.bytes(), StandardCharsets.UTF_8);

        assertThat(text).startsWith("<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\">")
                .doesNotContain("urn:test:wrapper").doesNotContain("urn:test:unused");
        assertThat(embedded.sha256()).isEqualTo(canonicalizer.canonicalize(standalone.getBytes(StandardCharsets.UTF_8)).sha256());
    }

    @Test
    void prefixedDossierInheritsPrefixDeclaration() {
        String wrapped = "<w:wrapper xmlns:w=\"urn:test:wrapper\" xmlns:d=\"urn:oso-gateway:demo:dossier:v1\">"
                + "<d:dossier><d:overdrachtsoort>overstapdossier</d:overdrachtsoort></d:dossier></w:wrapper>";
        Element dossier = (Element) SecureXml.parse(wrapped.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getFirstChild();

        CanonicalDossier c = canonicalizer.canonicalize(dossier);

        assertThat(new String(c.bytes(), StandardCharsets.UTF_8)).isEqualTo(
                "<d:dossier xmlns:d=\"urn:oso-gateway:demo:dossier:v1\"><d:overdrachtsoort>overstapdossier</d:overdrachtsoort></d:dossier>");
        assertThat(c.namespace()).isEqualTo(TestFiles.NS_DEMO);
    }

    @Test
    void malformedBytesGiveMalformedRequest() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> canonicalizer.canonicalize("<dossier>".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void measuresCanonicalizationOfLargeExample() {
        Element dossier = SecureXml.parse(TestFiles.read(TestFiles.povoFull2019())).getDocumentElement();
        for (int i = 0; i < 20; i++) {
            canonicalizer.canonicalize(dossier); // warm-up
        }
        int runs = 100;
        long start = System.nanoTime();
        CanonicalDossier c = null;
        for (int i = 0; i < runs; i++) {
            c = canonicalizer.canonicalize(dossier);
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        LOG.info("exc-c14n + SHA-256 of {} ({} canonical bytes): {} ms per dossier", TestFiles.povoFull2019().getFileName(),
                c.bytes().length, String.format("%.2f", ms));
        System.out.printf("c14n+sha256 of 173 KB example: %.2f ms%n", ms);
    }
}
