package org.osogateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osogateway.validation.SchemaCatalog;

/** The listening sender kit answers each POST as the gateway would and counts it into the run. */
class SenderListenerTest {

    private static final SchemaCatalog CATALOG = SchemaCatalog.load(List.of(), true);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachRequestGetsTheGatewaysAnswerAndTheRunCountsItsCases() throws Exception {
        SenderRun run = new SenderRun(new SenderChecks(CATALOG, true, 20_971_520), "listener", Clock.systemUTC());
        List<SenderVerdict> heard = new CopyOnWriteArrayList<>();
        try (SenderListener listener = new SenderListener(0, 4, 20_971_520, Clock.systemUTC(), heard::add).start(run)) {
            assertThat(InetAddress.getByName(listener.endpoint().getHost()).isLoopbackAddress()).isTrue();
            assertThat(listener.port()).as("the free port picked for 0").isPositive().isEqualTo(listener.endpoint().getPort());
            byte[] good = SenderChecksTest.sample("valid-deliver-request.xml");

            HttpResponse<String> accepted = post(listener.endpoint(), "text/xml; charset=UTF-8", good);
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).contains("<status>ACCEPTED</status>")
                    .contains("<dossierSha256>" + SenderChecksTest.DEMO_SHA256 + "</dossierSha256>")
                    .contains("<messageId>6f1c2b0e-7a4d-4c3e-9b1a-2d5e8f0a1b01</messageId>");

            HttpResponse<String> again = post(listener.endpoint(), "text/xml", good);
            assertThat(again.body()).contains("<status>DUPLICATE</status>");
            assertThat(acceptedAt(again.body())).isEqualTo(acceptedAt(accepted.body()));

            HttpResponse<String> invalid = post(listener.endpoint(), "text/xml; charset=UTF-8",
                    SenderChecksTest.sample("invalid-dossier-bad-date.xml"));
            assertThat(invalid.statusCode()).isEqualTo(500);
            assertThat(invalid.body()).contains("<faultcode>soap:Client</faultcode>").contains("<code>SCHEMA_VIOLATION</code>")
                    .contains("<line>24</line>").contains("correlationId");

            HttpResponse<String> soap12 = post(listener.endpoint(), "application/soap+xml; charset=UTF-8", good);
            assertThat(soap12.body()).contains("<code>MALFORMED_REQUEST</code>");

            assertThat(listener.awaitCount(5, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> wrongPath = http.send(HttpRequest.newBuilder(listener.endpoint().resolve("/other"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(good)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongPath.statusCode()).isEqualTo(404);
        }
        assertThat(heard).extracting(SenderVerdict::request).containsExactly("request-1", "request-2", "request-3", "request-4");
        ConformanceRun report = run.report();
        // 10 cases with the Content-Type check for each good one, 6 up to dossier-schema, 1 for the Content-Type
        assertThat(report.results()).hasSize(10 + 10 + 6 + 1);
        assertThat(report.failures()).isEqualTo(2);
        assertThat(report.skipped()).as("sender-authorization without a certificate's OIN").isEqualTo(3);
    }

    private HttpResponse<String> post(URI endpoint, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", contentType).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String acceptedAt(String body) {
        return body.replaceAll("(?s).*<acceptedAt>([^<]+)</acceptedAt>.*", "$1");
    }
}
