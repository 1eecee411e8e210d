package org.osogateway.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.support.TestPki;
import org.osogateway.tls.ClientTls;

/** The mock LAS over https: its server certificate, a demanded client certificate, and the caller's subject recorded. */
class MockLasHttpsTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir);
    }

    private static SSLContext trustOnly() {
        return ClientTls.fromProperties("t.", Map.of("t.truststore", pki.trustStore().toString(),
                "t.truststore-password", TestPki.PASSWORD)::get).sslContext();
    }

    private static HttpResponse<String> post(SSLContext tls, URI endpoint) throws IOException, InterruptedException {
        byte[] body = ReceiveDossierEnvelope.build(MockLasTest.call("https-1", 1, MockLasTest.DOSSIER));
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDemandedClientCertificateIsRecordedWithTheCall() throws Exception {
        try (MockLas mock = new MockLas(0, MockLasHttps.mutual(0, pki.lasServerKeyStore(), TestPki.PASSWORD,
                pki.trustStore(), TestPki.PASSWORD)).start()) {
            assertThat(mock.httpsEndpoint().toString()).startsWith("https://localhost:").endsWith(MockLas.PATH);
            HttpResponse<String> r = post(pki.clientContext(pki.gatewayClientKeyStore()), mock.httpsEndpoint());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(mock.lastFor("https-1").orElseThrow().clientCertificate())
                    .contains("SERIALNUMBER=" + TestPki.GATEWAY_CLIENT_OIN).contains("CN=OSO Gateway");
            HttpResponse<String> view = HttpClient.newBuilder().sslContext(pki.clientContext(pki.gatewayClientKeyStore()))
                    .build().send(HttpRequest.newBuilder(URI.create(mock.httpsBaseUrl() + "/mock/received")).build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode call = new ObjectMapper().readTree(view.body()).get("calls").get(0);
            assertThat(call.get("clientCertificate").asText()).contains("SERIALNUMBER=" + TestPki.GATEWAY_CLIENT_OIN);
        }
    }

    @Test
    void aCallerWithoutAClientCertificateFailsTheHandshake() {
        try (MockLas mock = new MockLas(0, MockLasHttps.mutual(0, pki.lasServerKeyStore(), TestPki.PASSWORD,
                pki.trustStore(), TestPki.PASSWORD)).start()) {
            assertThatThrownBy(() -> post(trustOnly(), mock.httpsEndpoint())).isInstanceOf(IOException.class);
            assertThat(mock.totalCalls()).isZero();
        }
    }

    @Test
    void aClientCertificateOfAnotherCaFailsTheHandshake() {
        try (MockLas mock = new MockLas(0, MockLasHttps.mutual(0, pki.lasServerKeyStore(), TestPki.PASSWORD,
                pki.trustStore(), TestPki.PASSWORD)).start()) {
            SSLContext untrusted = TestPki.context(pki.untrustedClientKeyStore("00000003000000000001"), pki.trustStore());
            assertThatThrownBy(() -> post(untrusted, mock.httpsEndpoint())).isInstanceOf(IOException.class);
            assertThat(mock.totalCalls()).isZero();
        }
    }

    @Test
    void withoutClientAuthNoSubjectIsRecordedAndPlainHttpStillAnswers() throws Exception {
        try (MockLas mock = new MockLas(0, MockLasHttps.serverOnly(0, pki.lasServerKeyStore(), TestPki.PASSWORD)).start()) {
            assertThat(post(trustOnly(), mock.httpsEndpoint()).statusCode()).isEqualTo(200);
            assertThat(mock.lastFor("https-1").orElseThrow().clientCertificate()).isNull();
            assertThat(post(trustOnly(), mock.endpoint()).statusCode()).isEqualTo(200);
            assertThat(mock.callsFor("https-1")).isEqualTo(2);
        }
    }

    @Test
    void aMockWithoutHttpsHasNoHttpsEndpoint() {
        try (MockLas mock = new MockLas(0)) {
            assertThat(mock.httpsEnabled()).isFalse();
            assertThatThrownBy(mock::httpsEndpoint).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without https");
        }
    }
}
