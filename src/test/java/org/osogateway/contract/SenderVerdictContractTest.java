package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osogateway.conformance.SenderChecks;
import org.osogateway.conformance.SenderRequest;
import org.osogateway.conformance.SenderRequestFiles;
import org.osogateway.conformance.SenderRouting;
import org.osogateway.conformance.SenderVerdict;
import org.osogateway.mock.MockLas;
import org.osogateway.support.RawHttp;
import org.osogateway.support.TestGateway;
import org.osogateway.validation.SchemaCatalog;

/**
 * The sender kit's verdict is the running gateway's answer: each sample request of samples/conformance/ is POSTed to
 * a real gateway, which must answer ACCEPTED exactly where the kit says so, and otherwise the kit's fault code; the
 * kit routes by the gateway's registry file, so the routing samples get the same UNKNOWN_SCHOOL ... AMBIGUOUS_ROUTE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderVerdictContractTest {
    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");
    /** The routing samples and the fault each is made to get. */
    private static final Map<String, String> EXPECTED = Map.of(
            "invalid-route-unknown-receiver.xml", "UNKNOWN_SCHOOL at routing",
            "invalid-route-unknown-sender.xml", "UNKNOWN_SCHOOL at routing",
            "invalid-route-no-agreement.xml", "NO_AGREEMENT at routing",
            "invalid-route-no-mandate.xml", "NO_MANDATE at routing",
            "invalid-route-no-endpoint.xml", "NO_ENDPOINT at routing",
            "invalid-route-ambiguous.xml", "AMBIGUOUS_ROUTE at routing",
            "invalid-endpoint-not-for-soort.xml", "BUSINESS_RULE_VIOLATION at envelope-consistency");

    MockLas las;
    TestGateway gateway;
    RawHttp http;
    SenderChecks checks;

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-sender-kit"), las.endpoint().toString(), new Properties());
        http = new RawHttp("127.0.0.1", gateway.port());
        // the kit routes by the very registry file the gateway loaded
        checks = new SenderChecks(gateway.bean("schemaCatalog", SchemaCatalog.class), true, 20_971_520,
                SenderRouting.fromFile(gateway.workDir().resolve("registry.yaml").toString(), null, Clock.systemUTC()));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    @Test
    void everyRoutingSampleIsThere() {
        assertThat(samples()).extracting(SenderRequest::name).containsAll(EXPECTED.keySet());
    }

    private static String lastCase(SenderVerdict v) {
        String name = v.results().get(v.results().size() - 1).name();
        return name.substring(name.lastIndexOf(": ") + 2);
    }

    static List<SenderRequest> samples() {
        return SenderRequestFiles.read(List.of(Path.of("src/test/resources/samples/conformance")));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("samples")
    void theGatewayAnswersWhatTheKitSaid(SenderRequest sample) throws Exception {
        SenderVerdict verdict = checks.check(sample.name(), sample.bytes(), null);
        String expected = EXPECTED.get(sample.name());
        if (expected != null) { // the sample still shows the fault it is named for, at the case that finds it
            assertThat(verdict.fault()).as(verdict.answer()).isNotNull();
            assertThat(verdict.fault().code().name() + " at " + lastCase(verdict)).isEqualTo(expected);
        }
        List<String> headers = new ArrayList<>(List.of("Content-Type: text/xml; charset=UTF-8", "SOAPAction: \"\""));
        headers.add("Content-Length: " + sample.bytes().length);
        RawHttp.Response r = http.send("POST", "/ws/oso/v1", headers, sample.bytes(), false);
        if (verdict.accepted()) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("<status>ACCEPTED</status>").contains(verdict.dossierSha256());
        } else {
            Matcher m = CODE.matcher(r.body());
            assertThat(m.find()).as(r.body()).isTrue();
            assertThat(m.group(1)).as(verdict.answer() + " / " + r.body()).isEqualTo(verdict.fault().code().name());
        }
    }
}
