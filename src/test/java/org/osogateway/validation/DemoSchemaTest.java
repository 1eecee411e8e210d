package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;

/** Verifies the project's demo dossier schema against the synthetic DeliverDossier samples. */
class DemoSchemaTest {

    private static SchemaCatalog demo;

    @BeforeAll
    static void load() {
        demo = SchemaCatalog.load(List.of(), true);
    }

    @Test
    void demoSchemaIsRegisteredFromClasspath() {
        assertThat(demo.namespaces()).containsExactly(TestFiles.NS_DEMO);
        CatalogEntry entry = demo.find(TestFiles.NS_DEMO).orElseThrow();
        assertThat(entry.version()).isEqualTo("oso-demo-dossier-v1");
        assertThat(entry.sourcePath()).isEqualTo("classpath:" + SchemaCatalog.DEMO_SCHEMA_RESOURCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid-demo-dossier.xml", "valid-demo-dossier-binnenbrin.xml"})
    void validSamplesValidate(String sample) {
        assertThatCode(() -> demo.validate(TestFiles.NS_DEMO, TestFiles.sample(sample))).doesNotThrowAnyException();
    }

    @Test
    void playgroundSampleIsTheValidDemoDossier() throws IOException {
        byte[] playground = Files.readAllBytes(Path.of("config/samples/demo-dossier.xml"));
        assertThat(playground).isEqualTo(TestFiles.sample("valid-demo-dossier.xml"));
    }

    @Test
    void impossibleBirthDateIsReportedAtItsLine() {
        byte[] xml = TestFiles.sample("invalid-demo-dossier-bad-date.xml");
        int line = lineOf(xml, "<geboortedatum>31-02-2015</geboortedatum>");

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> demo.validate(TestFiles.NS_DEMO, xml));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.getMessage()).isEqualTo("The dossier does not validate against the schema for " + TestFiles.NS_DEMO + " (2 violations)");
        // Xerces reports the lexical error (cvc-datatype-valid) and the element's type error (cvc-type) at the end tag.
        assertThat(e.violations()).extracting(Violation::line).containsOnly(line);
        assertThat(e.violations()).extracting(Violation::column).containsOnly(line(xml, line).indexOf("</geboortedatum>") + "</geboortedatum>".length() + 1);
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).contains("31-02-2015"));
    }

    @Test
    void missingSchoolIsReportedWhereTheNextElementStarts() {
        byte[] xml = TestFiles.sample("invalid-demo-dossier-missing-school.xml");
        int line = lineOf(xml, "<notities>");

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> demo.validate(TestFiles.NS_DEMO, xml));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(line);
            assertThat(v.column()).isEqualTo(line(xml, line).indexOf("<notities>") + "<notities>".length() + 1);
            assertThat(v.message()).contains("notities").contains("huidigeschool");
        });
    }

    @Test
    void badBrinAndUnknownOverstapAreRejected() {
        String valid = new String(TestFiles.sample("valid-demo-dossier.xml"), StandardCharsets.UTF_8);
        String mutated = valid.replace("<brincode>00YY</brincode>", "<brincode>0YYY</brincode>")
                .replace("<overstap>POVO</overstap>", "<overstap>VOPO</overstap>");

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> demo.validate(TestFiles.NS_DEMO, mutated.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.violations()).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("0YYY"))
                .anySatisfy(m -> assertThat(m).contains("VOPO"));
    }

    @Test
    void officialNamespaceIsUnsupportedWithDemoOnly() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> demo.validate(TestFiles.NS_2019, TestFiles.sample("valid-demo-dossier.xml")));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.UNSUPPORTED_DOSSIER_VERSION);
        assertThat(e.getMessage()).endsWith("registered: " + TestFiles.NS_DEMO);
    }

    @Test
    void dtdIsRefusedAndThisThreadsParserStillWorksAfterwards() {
        String withDtd = new String(TestFiles.sample("valid-demo-dossier.xml"), StandardCharsets.UTF_8)
                .replaceFirst("<dossier ", "<!DOCTYPE dossier [<!ENTITY boom 'x'>]>\n<dossier ");
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> demo.validate(TestFiles.NS_DEMO, withDtd.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);

        assertThatCode(() -> demo.validate(TestFiles.NS_DEMO, TestFiles.sample("valid-demo-dossier.xml"))).doesNotThrowAnyException();
    }

    private static int lineOf(byte[] xml, String needle) {
        String text = new String(xml, StandardCharsets.UTF_8);
        int at = text.indexOf(needle);
        assertThat(at).as("sample contains " + needle).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String line(byte[] xml, int number) {
        return new String(xml, StandardCharsets.UTF_8).split("\n", -1)[number - 1];
    }
}
