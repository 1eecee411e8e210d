package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osogateway.conformance.SenderChecks;
import org.osogateway.conformance.SenderListener;
import org.osogateway.conformance.SenderRequest;
import org.osogateway.conformance.SenderRequestFiles;
import org.osogateway.conformance.SenderRouting;
import org.osogateway.conformance.SenderRun;
import org.osogateway.mock.MockLas;
import org.osogateway.support.TestGateway;
import org.osogateway.validation.SchemaCatalog;

/**
 * The listening sender kit answers like the gateway: each sample request of samples/conformance/ (and a few HTTP
 * variants) is POSTed in the same order to {@code --listen} and to a real gateway, which must give the same HTTP
 * status and, for a fault, the same fault code, and for an answer the same status and dossierSha256.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderListenerContractTest {
    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");
    private static final Pattern STATUS = Pattern.compile("<status>([A-Z]+)</status>");
    private static final Pattern SHA256 = Pattern.compile("<dossierSha256>([0-9a-f]{64})</dossierSha256>");
    private static final String SOAP11 = "text/xml; charset=UTF-8";

    MockLas las;
    TestGateway gateway;
    SenderListener listener;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-sender-listen"), las.endpoint().toString(), new Properties());
        SenderChecks checks = new SenderChecks(gateway.bean("schemaCatalog", SchemaCatalog.class), true, 20_971_520,
                SenderRouting.fromFile(gateway.workDir().resolve("registry.yaml").toString(), null, Clock.systemUTC()));
        listener = new SenderListener(0, 0, 20_971_520, Clock.systemUTC(), v -> { })
                .start(new SenderRun(checks, "contract", Clock.systemUTC()));
    }

    @AfterAll
    void stop() throws Exception {
        listener.close();
        gateway.close();
        las.close();
    }

    /** Every sample as a LAS sends it, then the good one again (DUPLICATE) and with Content-Types the gateway refuses. */
    Stream<Arguments> requests() {
        List<Arguments> all = new ArrayList<>();
        SenderRequest valid = null;
        for (SenderRequest r : SenderRequestFiles.read(List.of(Path.of("src/test/resources/samples/conformance")))) {
            all.add(Arguments.of(r.name(), SOAP11, r.bytes()));
            valid = r.name().equals("valid-deliver-request.xml") ? r : valid;
        }
        all.add(Arguments.of("again: " + valid.name(), SOAP11, valid.bytes()));
        all.add(Arguments.of("no charset: " + valid.name(), "text/xml", valid.bytes()));
        all.add(Arguments.of("SOAP 1.2 Content-Type: " + valid.name(), "application/soap+xml; charset=UTF-8", valid.bytes()));
        return all.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("requests")
    void theKitAnswersAsTheGatewayDoes(String name, String contentType, byte[] body) throws Exception {
        HttpResponse<String> kit = post(listener.endpoint(), contentType, body);
        HttpResponse<String> real = post(URI.create(gateway.soapUrl()), contentType, body);

        assertThat(kit.statusCode()).as("kit %s / gateway %s", kit.body(), real.body()).isEqualTo(real.statusCode());
        if (real.statusCode() == 200) {
            assertThat(group(STATUS, kit.body())).isEqualTo(group(STATUS, real.body())).isNotNull();
            assertThat(group(SHA256, kit.body())).isEqualTo(group(SHA256, real.body())).isNotNull();
        } else {
            assertThat(group(CODE, kit.body())).as("kit %s / gateway %s", kit.body(), real.body())
                    .isEqualTo(group(CODE, real.body())).isNotNull();
        }
    }

    private HttpResponse<String> post(URI endpoint, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", contentType).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
