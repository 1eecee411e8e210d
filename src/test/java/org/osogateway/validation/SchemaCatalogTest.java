package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Verifies loading the official OSO-gegevensset schemas and validating dossiers against them. */
class SchemaCatalogTest {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaCatalogTest.class);

    private static SchemaCatalog official;

    @BeforeEach
    void requireOfficialFiles() {
        TestFiles.officialDir(); // skips the test, with how to provide the files, when they are absent
    }

    /** Loaded once; each test is skipped (with the reason) when the official files are absent. */
    private static synchronized SchemaCatalog official() {
        Path dir = TestFiles.officialDir();
        if (official == null) {
            official = SchemaCatalog.load(List.of(dir.resolve("2019.1"), dir.resolve("2017.1")), false);
        }
        return official;
    }

    @Test
    void registersExactlyTheTwoOfficialNamespacesFromCommon() {
        assertThat(official().namespaces()).containsExactlyInAnyOrder(TestFiles.NS_2019, TestFiles.NS_2017);
        CatalogEntry e2019 = official().find(TestFiles.NS_2019).orElseThrow();
        assertThat(e2019.version()).isEqualTo("2019.1");
        assertThat(e2019.sourcePath()).endsWith(Path.of("2019.1", "common", "OSO_gegevensset.xsd").toString());
        assertThat(official().find(TestFiles.NS_2017).orElseThrow().version()).isEqualTo("2017.1");
        assertThat(official().entries()).hasSize(2);
        assertThat(official().find("urn:nope")).isEmpty();
    }

    @Test
    void allOfficialExamplesValidate() {
        List<Path> examples = TestFiles.officialExamples();
        assertThat(examples).hasSize(24);
        for (Path example : examples) {
            byte[] xml = TestFiles.read(example);
            String ns = SecureXml.parse(xml).getDocumentElement().getNamespaceURI();
            assertThatCode(() -> official().validate(ns, xml)).as(example.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void textInDateFieldGivesSchemaViolationAtItsLine() {
        String xml = new String(TestFiles.read(TestFiles.povoFull2019()), StandardCharsets.UTF_8);
        String original = "<geboortedatum>2003-03-17</geboortedatum>";
        assertThat(xml).contains(original);
        String mutated = xml.replaceFirst(original, "<geboortedatum>zeventien maart</geboortedatum>");
        int expectedLine = lineOf(mutated, "zeventien maart");

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> official().validate(TestFiles.NS_2019, mutated.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.getMessage()).startsWith("The dossier does not validate against the schema for " + TestFiles.NS_2019 + " (");
        assertThat(e.violations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.line()).isEqualTo(expectedLine);
            assertThat(v.column()).isPositive();
            assertThat(v.message()).contains("zeventien maart");
        });
    }

    @Test
    void missingRequiredElementGivesSchemaViolation() {
        String xml = new String(TestFiles.read(TestFiles.povoFull2019()), StandardCharsets.UTF_8);
        String mutated = xml.replaceFirst("<overdrachtsoort>overstapdossier</overdrachtsoort>", "");
        assertThat(mutated).isNotEqualTo(xml);

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> official().validate(TestFiles.NS_2019, mutated.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.violations()).first().satisfies(v -> {
            assertThat(v.line()).isPositive();
            assertThat(v.message()).contains("overdrachtsoort");
        });
    }

    @Test
    void dossierOfOneVersionFailsAgainstTheOther() {
        byte[] xml = TestFiles.read(TestFiles.povoFull2019());
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> official().validate(TestFiles.NS_2017, xml));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
    }

    @Test
    void unknownNamespaceGivesUnsupportedDossierVersion() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> official().validate("http://www.edustandaard.nl/oso_gegevensset/2099/dossier", "<dossier/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.UNSUPPORTED_DOSSIER_VERSION);
        assertThat(e.getMessage()).isEqualTo("No dossier schema is registered for namespace "
                + "'http://www.edustandaard.nl/oso_gegevensset/2099/dossier'; registered: " + TestFiles.NS_2017 + ", " + TestFiles.NS_2019);
    }

    @Test
    void dtdInDossierGivesMalformedRequest() {
        String xml = new String(TestFiles.read(TestFiles.povoFull2019()), StandardCharsets.UTF_8)
                .replaceFirst("<dossier ", "<!DOCTYPE dossier [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n<dossier ");
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> official().validate(TestFiles.NS_2019, xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
        assertThat(e.getMessage()).startsWith("A DTD (DOCTYPE declaration) is not allowed");
    }

    @Test
    void notWellFormedDossierGivesMalformedRequest() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> official().validate(TestFiles.NS_2019, "<dossier xmlns=\"x\"><a></dossier>".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void validationIsThreadSafe() throws Exception {
        byte[] xml = TestFiles.read(TestFiles.povoFull2019());
        SchemaCatalog catalog = official();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 50; i++) {
                        catalog.validate(TestFiles.NS_2019, xml);
                        ok++;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(50);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void measuresSingleThreadedThroughput() {
        byte[] xml = TestFiles.read(TestFiles.povoFull2019());
        SchemaCatalog catalog = official();
        for (int i = 0; i < 50; i++) {
            catalog.validate(TestFiles.NS_2019, xml); // warm-up
        }
        int runs = 200;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            catalog.validate(TestFiles.NS_2019, xml);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("XSD validation of {}: {} validations/s single-threaded", TestFiles.povoFull2019().getFileName(),
                String.format("%.0f", runs / seconds));
        System.out.printf("XSD validations/s (173 KB example, 1 thread): %.0f%n", runs / seconds);
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }
}
