package org.osogateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.validation.SchemaCatalog;

/** The sender checks on saved DeliverDossier requests: the gateway's verdict, case by case, with its fault code. */
class SenderChecksTest {

    /** The demo dossier's hash as the gateway answers it (Exclusive C14N of the dossier element). */
    static final String DEMO_SHA256 = "ff8f34081d116483cd8824fe95f3c3ed6cba3e037be8e9f47e5a93e2974e1c31";

    private static final SchemaCatalog CATALOG = SchemaCatalog.load(List.of(), true);
    private SenderChecks checks;

    @BeforeEach
    void freshRun() {
        checks = new SenderChecks(CATALOG, true, 20_971_520);
    }

    @Test
    void aGoodRequestPassesEveryCaseAndWouldBeAccepted() {
        SenderVerdict v = checks.check("valid", sample("valid-deliver-request.xml"), null);
        assertThat(v.results()).noneMatch(CheckResult::failed);
        assertThat(v.results()).extracting(CheckResult::name).containsExactly("valid: well-formed-xml",
                "valid: soap11-envelope", "valid: request-schema", "valid: sender-authorization", "valid: dossier-schema",
                "valid: business-rules", "valid: routing", "valid: envelope-consistency", "valid: message-id");
        assertThat(v.results().get(3).skipped()).isTrue();
        assertThat(v.results().get(3).reason()).startsWith("not run:").contains("--supplier-oin");
        assertThat(v.results().get(6).reason()).contains("receiver 01AB gets it at routeringskenmerk 0000000700001AB00001")
                .contains("registry classpath:config/registry-example.yaml");
        assertThat(v.accepted()).isTrue();
        assertThat(v.messageId()).isEqualTo("6f1c2b0e-7a4d-4c3e-9b1a-2d5e8f0a1b01");
        assertThat(v.dossierSha256()).isEqualTo(DEMO_SHA256);
        assertThat(v.answer()).startsWith("the gateway answers ACCEPTED");
    }

    @Test
    void aMalformedRequestFailsWithItsLineAndColumnAndNothingAfter() {
        SenderVerdict v = checks.check("malformed", sample("invalid-malformed.xml"), null);
        assertThat(v.results()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("malformed: well-formed-xml");
            assertThat(r.passed()).isFalse();
            assertThat(r.reason()).startsWith("the gateway answers soap:Client MALFORMED_REQUEST")
                    .contains("(line 10, column");
        });
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
        assertThat(v.fault().violations()).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(10));
    }

    @Test
    void aSoap12EnvelopeIsMalformed() {
        SenderVerdict v = checks.check("soap12", sample("invalid-soap12-envelope.xml"), null);
        assertThat(last(v).name()).isEqualTo("soap12: soap11-envelope");
        assertThat(last(v).reason()).contains("MALFORMED_REQUEST").contains("SOAP 1.2");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void aBadBrinBreaksTheRequestSchema() {
        SenderVerdict v = checks.check("brin", sample("invalid-request-bad-brin.xml"), null);
        assertThat(last(v).name()).isEqualTo("brin: request-schema");
        assertThat(last(v).reason()).startsWith("the gateway answers soap:Client SCHEMA_VIOLATION")
                .contains("/DeliverDossierRequest/sender/brin");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
    }

    @Test
    void aDossierAgainstItsSchemaFailsWithSchemaViolationAtTheLineInTheFile() {
        SenderVerdict v = checks.check("bad-date", sample("invalid-dossier-bad-date.xml"), null);
        assertThat(v.results()).extracting(CheckResult::failed).containsExactly(false, false, false, false, true);
        assertThat(last(v).name()).isEqualTo("bad-date: dossier-schema");
        assertThat(last(v).reason()).startsWith("the gateway answers soap:Client SCHEMA_VIOLATION")
                .contains("31-02-2015").contains("line 24:");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(v.accepted()).isFalse();
    }

    @Test
    void aSenderWhoIsNotTheDossiersCurrentSchoolBreaksAGatewayRule() {
        SenderVerdict v = checks.check("sender", sample("invalid-sender-not-current-school.xml"), null);
        assertThat(last(v).name()).isEqualTo("sender: envelope-consistency");
        assertThat(last(v).reason()).contains("BUSINESS_RULE_VIOLATION").contains("GW-ENV-02")
                .contains("huidigeschool is BRIN 00YY but the sender is 02CD");
    }

    @Test
    void aWrongOwnHashFailsTheHashCaseWhileTheGatewayWouldAccept() {
        SenderVerdict v = checks.check("hash", sample("invalid-wrong-hash.xml"), "0" + DEMO_SHA256.substring(1));
        assertThat(last(v).name()).isEqualTo("hash: dossier-sha256");
        assertThat(last(v).passed()).isFalse();
        assertThat(last(v).reason()).contains("hashes to " + DEMO_SHA256);
        assertThat(v.accepted()).isTrue();
        assertThat(checks.check("good", sample("valid-deliver-request.xml"), DEMO_SHA256).results())
                .noneMatch(CheckResult::failed);
    }

    @Test
    void aMessageIdAgainWithAnotherDossierIsAConflictAndWithTheSameADuplicate() {
        byte[] good = sample("valid-deliver-request.xml");
        assertThat(checks.check("first", good, null).accepted()).isTrue();
        assertThat(last(checks.check("again", good, null)).reason()).contains("repeats first with the same dossier")
                .contains("DUPLICATE");
        byte[] other = new String(good, java.nio.charset.StandardCharsets.UTF_8).replace("DEMO-0001", "DEMO-0009")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SenderVerdict v = checks.check("other", other, null);
        assertThat(last(v).name()).isEqualTo("other: message-id");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.MESSAGE_ID_CONFLICT);
    }

    @Test
    void aHeaderTheGatewayMustButCannotUnderstandIsMalformed() {
        String good = new String(sample("valid-deliver-request.xml"), java.nio.charset.StandardCharsets.UTF_8);
        byte[] withHeader = good.replace("<soap:Body>", "<soap:Header><x:Secret xmlns:x=\"urn:example\" "
                + "soap:mustUnderstand=\"1\"/></soap:Header><soap:Body>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SenderVerdict v = checks.check("header", withHeader, null);
        assertThat(last(v).name()).isEqualTo("header: soap11-envelope");
        assertThat(last(v).reason()).contains("MALFORMED_REQUEST").contains("{urn:example}Secret has soap:mustUnderstand");
    }

    @Test
    void aRequestOverTheSizeLimitIsTooLargeAndAWrongContentTypeMalformed() {
        SenderVerdict big = new SenderChecks(CATALOG, true, 100).check("big", sample("valid-deliver-request.xml"), null);
        assertThat(big.fault().code()).isEqualTo(GatewayErrorCode.PAYLOAD_TOO_LARGE);
        SenderVerdict soap12 = checks.check("ct", "application/soap+xml; charset=UTF-8", sample("valid-deliver-request.xml"), null);
        assertThat(last(soap12).name()).isEqualTo("ct: http-content-type");
        assertThat(soap12.fault().code()).isEqualTo(GatewayErrorCode.MALFORMED_REQUEST);
        assertThat(checks.check("ok", "text/xml; charset=utf-8", sample("valid-deliver-request.xml"), null).accepted()).isTrue();
    }

    @Test
    void anOfficialExampleBrokenAgainstAnOfficialRuleFailsTheBusinessRulesAtTheRulesXPath() throws Exception {
        java.nio.file.Path official = org.osogateway.support.OfficialFiles.require();
        SenderChecks withRules = new SenderChecks(SchemaCatalog.load(List.of(official.resolve("2019.1")), false), true, 20_971_520);
        String dossier = java.nio.file.Files.readString(official.resolve("2019.1/OV/examples/Voorbeelddossier_OV_POVO_full.xml"))
                .replaceFirst("^<\\?xml[^>]*\\?>", "");
        String request = new String(sample("valid-deliver-request.xml"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("(?s)<dossier xmlns=.*</dossier>", java.util.regex.Matcher.quoteReplacement(dossier));

        SenderVerdict good = withRules.check("povo", request.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(good.accepted()).as(good.results().toString()).isTrue();
        assertThat(good.results().get(5).reason()).startsWith("no rejecting melding of the official rules for overstapdossier");

        byte[] broken = request.replace("<geslacht>2</geslacht>", "<geslacht>9</geslacht>")
                .replace("0a1b01", "0a1b99").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SenderVerdict v = withRules.check("geslacht", broken, null);
        assertThat(last(v).name()).isEqualTo("geslacht: business-rules");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(last(v).reason()).contains("at /dossier[1]/huidigeschool[1]/leerling[1]/geslacht[1]")
                .contains("codelijst 14");
    }

    @Test
    void aReceiverTheRegistryCannotRouteToGetsTheGatewaysRoutingFault() {
        Map<String, GatewayErrorCode> receivers = Map.of("99ZZ", GatewayErrorCode.UNKNOWN_SCHOOL,
                "03EF", GatewayErrorCode.NO_AGREEMENT, "04GH", GatewayErrorCode.NO_MANDATE,
                "05JK", GatewayErrorCode.NO_ENDPOINT, "06LM", GatewayErrorCode.AMBIGUOUS_ROUTE);
        receivers.forEach((brin, code) -> {
            SenderVerdict v = checks.check(brin, to(brin), null);
            assertThat(last(v).name()).isEqualTo(brin + ": routing");
            assertThat(v.fault().code()).as(v.answer()).isEqualTo(code);
            assertThat(last(v).reason()).contains("receiver school " + brin);
        });
        // a routeringskenmerk picks one of 06LM's two endpoints
        String picked = text(to("06LM")).replace("06LM</oso:brin>",
                "06LM</oso:brin><oso:routeringskenmerk>0000000700006LM00002</oso:routeringskenmerk>");
        SenderVerdict v = checks.check("picked", bytes(picked.replace("0a1b01", "0a1b31")), null);
        assertThat(v.accepted()).as(v.answer()).isTrue();
    }

    @Test
    void aSenderSchoolTheRegistryDoesNotKnowIsAnUnknownSchool() {
        String request = text(sample("valid-deliver-request.xml")).replace("<oso:brin>00YY</oso:brin>", "<oso:brin>98ZZ</oso:brin>")
                .replace("<brincode>00YY</brincode>", "<brincode>98ZZ</brincode>");
        SenderVerdict v = checks.check("sender", bytes(request), null);
        assertThat(last(v).name()).isEqualTo("sender: routing");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.UNKNOWN_SCHOOL);
        assertThat(v.fault().getMessage()).startsWith("sender school 98ZZ");
    }

    @Test
    void aSwvDossierToAnEndpointThatTakesNoneBreaksGwEnv04() {
        String swv = text(sample("valid-deliver-request.xml")).replace("overstapdossier</", "swv-dossier</");
        SenderVerdict v = checks.check("swv", bytes(swv), null);
        assertThat(last(v).name()).isEqualTo("swv: envelope-consistency");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(v.fault().violations()).extracting(org.osogateway.fault.Violation::rule).containsExactly("GW-ENV-04");
    }

    @Test
    void withTheCertificatesOinTheSupplierMustHoldAMandateOfTheSenderSchoolBeforeTheDossierIsChecked() {
        SenderRouting mandated = SenderRouting.fromFile(SenderRouting.EXAMPLE, "00000003000000000001", Clock.systemUTC());
        SenderVerdict ok = new SenderChecks(CATALOG, true, 20_971_520, mandated).check("ok", sample("valid-deliver-request.xml"), null);
        assertThat(ok.accepted()).as(ok.answer()).isTrue();
        assertThat(ok.results().get(3)).satisfies(r -> {
            assertThat(r.passed()).isTrue();
            assertThat(r.reason()).contains("supplier 00000003000000000001 holds a mandate of sender school 00YY");
        });

        SenderRouting other = SenderRouting.fromFile(SenderRouting.EXAMPLE, "00000003000000000002", Clock.systemUTC());
        SenderVerdict v = new SenderChecks(CATALOG, true, 20_971_520, other).check("other", sample("invalid-dossier-bad-date.xml"), null);
        assertThat(last(v).name()).isEqualTo("other: sender-authorization");
        assertThat(v.fault().code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
    }

    private static byte[] to(String receiverBrin) {
        return bytes(text(sample("valid-deliver-request.xml")).replace("<oso:receiver><oso:brin>01AB",
                "<oso:receiver><oso:brin>" + receiverBrin));
    }

    private static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static CheckResult last(SenderVerdict v) {
        return v.results().get(v.results().size() - 1);
    }

    static byte[] sample(String name) {
        try (InputStream in = SenderChecksTest.class.getResourceAsStream("/samples/conformance/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
