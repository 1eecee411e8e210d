package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.DeliveryState;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.GetDeliveryStatusResponse;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.MockLas;
import org.osogateway.mock.MockLasHttps;
import org.osogateway.pki.DevPki;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;

/**
 * Delivery over mutual TLS to a mock LAS on https: the gateway presents its client certificate and checks the
 * receiver's certificate (trust and host name); TLS failures are retried with a lastError that names no URL; plain
 * http to anything but loopback is never called.
 */
class OutboundTlsContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    /** The example registry's demo endpoint of school 01AB. */
    static final String ROUTERINGSKENMERK = "0000000700001AB00001";

    @TempDir
    static Path certs;
    static TestPki pki;
    static Path wrongHostKeyStore;

    @TempDir
    Path tmp;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(certs);
        // Trusted CA, valid, but issued for another host than the one the gateway calls.
        wrongHostKeyStore = certs.resolve("las-server-wrong-host.p12");
        DevPki.writeKeyStore(wrongHostKeyStore, TestPki.PASSWORD.toCharArray(), "server", DevPki.issueServer(pki.ca(),
                "las.elsewhere.example", List.of("las.elsewhere.example"), List.of(), pki.validFrom(), pki.validUntil()));
    }

    /** The gateway's outbound TLS: its client certificate, and trust in the test CA only. */
    private static Properties outboundTls() {
        Properties p = new Properties();
        p.setProperty("gateway.delivery.tls.keystore", pki.gatewayClientKeyStore().toString());
        p.setProperty("gateway.delivery.tls.keystore-password", TestPki.PASSWORD);
        p.setProperty("gateway.delivery.tls.truststore", pki.trustStore().toString());
        p.setProperty("gateway.delivery.tls.truststore-password", TestPki.PASSWORD);
        return p;
    }

    /** A mock LAS on https with this server certificate that demands a client certificate of the test CA. */
    private static MockLas mutualTlsLas(int httpsPort, Path serverKeyStore) {
        return new MockLas(0, MockLasHttps.mutual(httpsPort, serverKeyStore, TestPki.PASSWORD, pki.trustStore(),
                TestPki.PASSWORD)).start();
    }

    @Test
    void aTrustedReceiverGetsTheDossierAndTheGatewaysClientCertificate() throws Exception {
        try (MockLas las = mutualTlsLas(0, pki.lasServerKeyStore());
             TestGateway gw = TestGateway.start(tmp, las.httpsEndpoint().toString(), outboundTls())) {
            GatewayClient client = new GatewayClient(gw.soapUrl());
            String id = send(client);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getState() == DeliveryState.DELIVERED);
            assertThat(las.countFor(id)).isEqualTo(1);
            assertThat(las.lastFor(id).orElseThrow().clientCertificate())
                    .contains("SERIALNUMBER=" + TestPki.GATEWAY_CLIENT_OIN);
        }
    }

    @Test
    void anUntrustedReceiverIsRetriedWithATlsErrorUntilItsCertificateIsTrusted() throws Exception {
        int httpsPort = TestGateway.freePort();
        MockLas untrusted = mutualTlsLas(httpsPort, pki.lasServerUntrustedKeyStore());
        try (TestGateway gw = TestGateway.start(tmp, untrusted.httpsEndpoint().toString(), outboundTls())) {
            GatewayClient client = new GatewayClient(gw.soapUrl());
            String id = send(client);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getAttempts() >= 2);
            GetDeliveryStatusResponse waiting = status(client, id);
            assertThat(waiting.getState()).isIn(DeliveryState.RETRY_WAIT, DeliveryState.DELIVERING);
            assertThat(waiting.getLastError().getCode()).isEqualTo("RECEIVER_TLS_HANDSHAKE_FAILED");
            assertThat(waiting.getLastError().getMessage())
                    .isEqualTo("TLS handshake with the receiving LAS failed: its certificate is not trusted");
            assertThat(untrusted.totalCalls()).isZero();
            untrusted.stop();

            // The receiver installs a certificate from a CA the gateway trusts, on the same address.
            try (MockLas trusted = mutualTlsLas(httpsPort, pki.lasServerKeyStore())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getState() == DeliveryState.DELIVERED);
                assertThat(trusted.countFor(id)).isEqualTo(1);
            }
        } finally {
            untrusted.stop();
        }
    }

    @Test
    void aReceiverCertificateForAnotherHostNameIsATransientTlsError() throws Exception {
        try (MockLas las = mutualTlsLas(0, wrongHostKeyStore);
             TestGateway gw = TestGateway.start(tmp, las.httpsEndpoint().toString(), outboundTls())) {
            GatewayClient client = new GatewayClient(gw.soapUrl());
            String id = send(client);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getLastError() != null);
            GetDeliveryStatusResponse s = status(client, id);
            assertThat(s.getState()).isIn(DeliveryState.RETRY_WAIT, DeliveryState.DELIVERING);
            assertThat(s.getLastError().getCode()).isEqualTo("RECEIVER_TLS_HANDSHAKE_FAILED");
            assertThat(s.getLastError().getMessage()).isEqualTo(
                    "TLS handshake with the receiving LAS failed: its certificate is not issued for the endpoint's host name");
            assertThat(las.totalCalls()).isZero();
        }
    }

    @Test
    void plainHttpToAHostOtherThanLoopbackIsNeverCalled() throws Exception {
        try (MockLas las = new MockLas("0.0.0.0", 0, null, 1000, 100, 10, java.time.Clock.systemUTC()).start()) {
            // 127.0.0.2 reaches the mock (here it listens on all interfaces) but is not one of the loopback names
            // plain http may go to: had the gateway called, the mock would have seen it.
            String elsewhere = "http://127.0.0.2:" + las.port();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(elsewhere + "/mock/behaviour"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            try (TestGateway gw = TestGateway.start(tmp, elsewhere + MockLas.PATH, outboundTls())) {
                GatewayClient client = new GatewayClient(gw.soapUrl());
                String id = send(client);
                await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getState() == DeliveryState.FAILED);
                GetDeliveryStatusResponse s = status(client, id);
                assertThat(s.getLastError().getCode()).isEqualTo("RECEIVER_URL_NOT_HTTPS");
                assertThat(s.getLastError().getMessage()).isEqualTo("the receiver's endpoint " + ROUTERINGSKENMERK
                        + " is not an https address; the gateway delivers over https only");
                assertThat(las.totalCalls()).isZero();
            }
        }
    }

    @Test
    void camelSettingsCannotTurnHostNameVerificationOff() {
        Properties p = outboundTls();
        p.setProperty("camel.component.http.x509HostnameVerifier",
                "#class:org.apache.hc.client5.http.ssl.NoopHostnameVerifier");
        assertThatThrownBy(() -> TestGateway.start(tmp, "https://localhost:1/las/oso/v1", p).close())
                .hasStackTraceContaining("camel.component.http.x509-hostname-verifier must not be set");
    }

    private static String send(GatewayClient client) throws Exception {
        String id = "tls-" + UUID.randomUUID();
        assertThat(client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO)).getStatus())
                .isEqualTo(AcceptStatus.ACCEPTED);
        return id;
    }

    private static GetDeliveryStatusResponse status(GatewayClient client, String id) throws Exception {
        GetDeliveryStatusRequest q = new GetDeliveryStatusRequest();
        q.setMessageId(id);
        q.setSenderBrin("00YY");
        return client.port().getDeliveryStatus(q);
    }
}
