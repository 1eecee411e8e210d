package org.osogateway.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.cli.MockLasCommand;
import org.osogateway.delivery.DeliveryOutcome;
import org.osogateway.delivery.OutcomeClassifier;
import org.osogateway.delivery.ReceiveDossierCall;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.support.TestPki;
import picocli.CommandLine;

/** {@code mock-las --fast}: answers the gateway RECEIVED, checks each dossier's hash and counts. */
class FastMockLasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutcomeClassifier classifier = new OutcomeClassifier();

    private static String sha256(String dossier) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dossier.getBytes(StandardCharsets.UTF_8)));
    }

    /** A call as the gateway makes it: the hash is that of the dossier's bytes, unless {@code sha} says otherwise. */
    private static ReceiveDossierCall call(String messageId, String dossier, String sha) {
        return new ReceiveDossierCall(messageId, "12AB", "01", "34CD", null, "ROUTE00000000000001", "overstapdossier", 1,
                sha, dossier.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> post(HttpClient client, URI endpoint, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(endpoint).header("Content-Type", ReceiveDossierEnvelope.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private DeliveryOutcome deliver(FastMockLas mock, ReceiveDossierCall call) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = post(HttpClient.newHttpClient(), mock.endpoint(), ReceiveDossierEnvelope.build(call));
        return classifier.classify(r.statusCode(), null, r.body(), call.messageId());
    }

    private static JsonNode counters(FastMockLas mock) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/mock/received")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aDossierThatMatchesItsHashIsDeliveredAndCounted() throws Exception {
        try (FastMockLas mock = new FastMockLas(0, null, 2).start()) {
            assertThat(deliver(mock, call("fast-1", MockLasTest.DOSSIER, sha256(MockLasTest.DOSSIER))).kind())
                    .isEqualTo(DeliveryOutcome.Kind.DELIVERED);
            JsonNode c = counters(mock);
            assertThat(c.get("totalCalls").asLong()).isEqualTo(1);
            assertThat(c.get("totalDelivered").asLong()).isEqualTo(1);
            assertThat(c.get("hashMismatches").asLong()).isZero();
            assertThat(c.get("duplicateDeliveries").asLong()).isZero();
        }
    }

    @Test
    void aDossierThatDoesNotMatchItsHashIsRefusedAndCountedAsMismatch() throws Exception {
        try (FastMockLas mock = new FastMockLas(0, null, 2).start()) {
            // the hash of the dossier with one character changed
            String other = sha256(MockLasTest.DOSSIER.replace("Zoë", "Zoe"));
            DeliveryOutcome o = deliver(mock, call("fast-2", MockLasTest.DOSSIER, other));
            assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.PERMANENT);
            assertThat(mock.hashMismatches()).isEqualTo(1);
            assertThat(mock.totalDelivered()).isZero();
            assertThat(counters(mock).get("hashMismatches").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aSecondDeliveryOfOneMessageIdIsCountedAsDuplicate() throws Exception {
        try (FastMockLas mock = new FastMockLas(0, null, 2).start()) {
            String sha = sha256(MockLasTest.DOSSIER);
            deliver(mock, call("fast-3", MockLasTest.DOSSIER, sha));
            deliver(mock, call("fast-4", MockLasTest.DOSSIER, sha));
            deliver(mock, call("fast-3", MockLasTest.DOSSIER, sha));
            assertThat(mock.totalDelivered()).isEqualTo(3);
            assertThat(mock.distinctMessageIds()).isEqualTo(2);
            assertThat(mock.duplicateDeliveries()).isEqualTo(1);
        }
    }

    @Test
    void aRequestThatIsNotAReceiveDossierRequestIsMalformed() throws Exception {
        try (FastMockLas mock = new FastMockLas(0, null, 1).start()) {
            String truncated = new String(ReceiveDossierEnvelope.build(call("fast-5", MockLasTest.DOSSIER,
                    sha256(MockLasTest.DOSSIER))), StandardCharsets.UTF_8).replace("</osoenv:Envelope>", "");
            HttpResponse<byte[]> r = post(HttpClient.newHttpClient(), mock.endpoint(), truncated.getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("MALFORMED_REQUEST");
            assertThat(mock.malformed()).isEqualTo(1);
            assertThat(mock.totalCalls()).isEqualTo(1);
            assertThat(mock.totalDelivered()).isZero();
        }
    }

    @Test
    void overMutualTlsOnlyACallerWithACertificateIsServed(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create(dir);
        MockLasHttps tls = MockLasHttps.mutual(0, pki.lasServerKeyStore(), TestPki.PASSWORD, pki.trustStore(), TestPki.PASSWORD);
        try (FastMockLas mock = new FastMockLas(0, tls, 2).start()) {
            byte[] body = ReceiveDossierEnvelope.build(call("fast-tls", MockLasTest.DOSSIER, sha256(MockLasTest.DOSSIER)));
            HttpClient withCertificate = HttpClient.newBuilder().sslContext(pki.clientContext(pki.gatewayClientKeyStore()))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(post(withCertificate, mock.httpsEndpoint(), body).statusCode()).isEqualTo(200);
            SSLContext untrusted = TestPki.context(pki.untrustedClientKeyStore("00000003000000000001"), pki.trustStore());
            HttpClient otherCa = HttpClient.newBuilder().sslContext(untrusted).connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> post(otherCa, mock.httpsEndpoint(), body)).isInstanceOf(IOException.class);
            assertThat(mock.totalDelivered()).isEqualTo(1);
        }
    }

    @Test
    void theCommandStartsItWithFastAndRefusesFailureModes() throws Exception {
        MockLasCommand command = new MockLasCommand();
        new CommandLine(command).parseArgs("--fast", "--port", "0", "--threads", "2");
        try (FastMockLas mock = command.startFast()) {
            assertThat(deliver(mock, call("fast-cli", MockLasTest.DOSSIER, sha256(MockLasTest.DOSSIER))).isDelivered()).isTrue();
        }
        StringWriter err = new StringWriter();
        int status = new CommandLine(new MockLasCommand()).setErr(new PrintWriter(err)).execute("--fast", "--port", "0", "--status", "503");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--status does not combine with --fast");
    }
}
