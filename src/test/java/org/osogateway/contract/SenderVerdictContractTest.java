package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osogateway.conformance.SenderChecks;
import org.osogateway.conformance.SenderRequest;
import org.osogateway.conformance.SenderRequestFiles;
import org.osogateway.conformance.SenderVerdict;
import org.osogateway.mock.MockLas;
import org.osogateway.support.RawHttp;
import org.osogateway.support.TestGateway;
import org.osogateway.validation.SchemaCatalog;

/**
 * The sender kit's verdict is the running gateway's answer: each sample request of samples/conformance/ is POSTed to
 * a real gateway, which must answer ACCEPTED exactly where the kit says so, and otherwise the kit's fault code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderVerdictContractTest {
    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");

    MockLas las;
    TestGateway gateway;
    RawHttp http;
    SenderChecks checks;

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-sender-kit"), las.endpoint().toString(), new Properties());
        http = new RawHttp("127.0.0.1", gateway.port());
        checks = new SenderChecks(gateway.bean("schemaCatalog", SchemaCatalog.class), true, 20_971_520);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    static List<SenderRequest> samples() {
        return SenderRequestFiles.read(List.of(Path.of("src/test/resources/samples/conformance")));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("samples")
    void theGatewayAnswersWhatTheKitSaid(SenderRequest sample) throws Exception {
        SenderVerdict verdict = checks.check(sample.name(), sample.bytes(), null);
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
