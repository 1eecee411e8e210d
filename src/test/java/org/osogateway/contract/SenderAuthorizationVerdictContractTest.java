package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osogateway.conformance.SenderChecks;
import org.osogateway.conformance.SenderRouting;
import org.osogateway.conformance.SenderVerdict;
import org.osogateway.mock.MockLas;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;
import org.osogateway.validation.SchemaCatalog;

/**
 * With {@code --supplier-oin} the sender kit decides SENDER_NOT_AUTHORIZED as the gateway does over mutual TLS with
 * that supplier's client certificate: the same request gets the kit's verdict from the real gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderAuthorizationVerdictContractTest {
    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");
    private static final Path SAMPLES = Path.of("src/test/resources/samples/conformance");

    MockLas las;
    TestPki pki;
    TestGateway gateway;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("oso-sender-authz");
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        las = new MockLas(0).start();
        gateway = TestGateway.start(dir.resolve("gw"), las.endpoint().toString(), TestGateway.mutualTls(pki));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    @ParameterizedTest(name = "{0} sends {1} (body supplierOin {2})")
    @CsvSource({
            // 00YY's own LAS: accepted, and a dossier or route fault is still found after authorization
            SenderAuthorizationContractTest.ZENDER + ", valid-deliver-request.xml, , ACCEPTED",
            SenderAuthorizationContractTest.ZENDER + ", invalid-route-no-agreement.xml, , NO_AGREEMENT",
            // a registered LAS without 00YY's mandate, and one the registry does not know: refused before the dossier
            SenderAuthorizationContractTest.ONTVANGER + ", invalid-dossier-bad-date.xml, , SENDER_NOT_AUTHORIZED",
            SenderAuthorizationContractTest.STRANGER + ", valid-deliver-request.xml, , SENDER_NOT_AUTHORIZED",
            // a body that claims another supplier than the certificate's
            SenderAuthorizationContractTest.ZENDER + ", invalid-route-no-mandate.xml, "
                    + SenderAuthorizationContractTest.ONTVANGER + ", SENDER_NOT_AUTHORIZED"})
    void theKitWithTheCertificatesOinAnswersAsTheGateway(String oin, String sample, String bodyOin, String expected)
            throws Exception {
        String request = Files.readString(SAMPLES.resolve(sample));
        if (bodyOin != null) {
            request = request.replace("<oso:vestiging>00</oso:vestiging></oso:sender>",
                    "<oso:vestiging>00</oso:vestiging><oso:supplierOin>" + bodyOin + "</oso:supplierOin></oso:sender>");
        }
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        SenderChecks kit = new SenderChecks(gateway.bean("schemaCatalog", SchemaCatalog.class), true, 20_971_520,
                SenderRouting.fromFile(gateway.workDir().resolve("registry.yaml").toString(), oin, Clock.systemUTC()));
        SenderVerdict verdict = kit.check(sample, body, null);
        assertThat(verdict.accepted() ? "ACCEPTED" : verdict.fault().code().name()).as(verdict.answer()).isEqualTo(expected);

        HttpClient tls = HttpClient.newBuilder().sslContext(pki.clientContext(pki.clientKeyStore(oin))).build();
        HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create(gateway.soapUrl()))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (verdict.accepted()) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("<status>ACCEPTED</status>");
        } else {
            Matcher m = CODE.matcher(r.body());
            assertThat(m.find()).as(r.body()).isTrue();
            assertThat(m.group(1)).as(verdict.answer() + " / " + r.body()).isEqualTo(expected);
        }
    }
}
