package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.CheckConnectionResponse;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.GatewayFault_Exception;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.pki.DevPki;
import org.osogateway.soap.Caller;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;
import org.osogateway.support.TlsProbe;

/**
 * The SOAP port over mutual TLS, with certificates of the test PKI and the JAX-WS client generated from the WSDL:
 * what the handshake refuses (no, untrusted, expired or revoked certificate; TLS 1.1; weak cipher suites), what it
 * lets in (a valid supplier certificate, whose OIN reaches the exchange), and the secure-by-default start rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsContractTest {
    static final String OIN = "00000003000000000001";
    static final String REVOKED_LATER_OIN = "00000003000000000077";

    Path dir;
    TestPki pki;
    TestGateway gateway;
    /** The caller of every SOAP exchange the gateway completed, in order. */
    final List<Caller> callers = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("oso-mtls");
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Properties p = TestGateway.mutualTls(pki);
        // a wildcard address is allowed with mutual TLS; CRL changes are looked for every 100 ms
        p.setProperty("gateway.soap.host", "0.0.0.0");
        p.setProperty("gateway.soap.tls.crl-check-interval", "PT0.1S");
        gateway = TestGateway.start(dir.resolve("gw"), "http://127.0.0.1:1/las", p);
        recordCallers(gateway, callers);
    }

    /** Records the {@link Caller} of every exchange of the SOAP route, as the gateway's own routes see it. */
    static void recordCallers(TestGateway g, List<Caller> into) throws Exception {
        EventNotifierSupport recorder = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent done
                        && "soap-intake".equals(done.getExchange().getFromRouteId())) {
                    Caller caller = done.getExchange().getProperty(Caller.PROPERTY, Caller.class);
                    into.add(caller != null ? caller : new Caller("<none>", null));
                }
            }
        };
        g.context().getManagementStrategy().addEventNotifier(recorder);
        ServiceHelper.startService(recorder);
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void clearCallers() {
        // a request of an earlier test may still be on its way through the route on a loaded machine
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.context().getInflightRepository().size() == 0);
        callers.clear();
    }

    @Test
    void aValidSupplierCertificateCallsCheckConnectionAndItsOinReachesTheExchange() throws Exception {
        GatewayClient client = GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(pki.clientKeyStore(OIN)), null);

        CheckConnectionResponse answer = client.port().checkConnection(check("01AB"));

        assertThat(answer.isConnected()).isTrue();
        assertThat(gateway.soapUrl()).startsWith("https://");
        await().atMost(Duration.ofSeconds(5)).until(() -> !callers.isEmpty());
        assertThat(callers).hasSize(1);
        assertThat(callers.get(0).oin()).isEqualTo(OIN);
        assertThat(callers.get(0).subject()).contains("SERIALNUMBER=" + OIN);
    }

    @Test
    void bothTls13AndTls12AreAccepted() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            GatewayClient client = GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(pki.clientKeyStore(OIN)),
                    protocol);
            assertThat(client.port().checkConnection(check("01AB")).isConnected()).as(protocol).isTrue();
        }
    }

    @Test
    void noClientCertificateIsRefusedAtTheHandshake() throws Exception {
        assertRefusedAtHandshake(trustOnly());
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefusedAtTheHandshake() {
        assertRefusedAtHandshake(pki.clientContext(pki.untrustedClientKeyStore(OIN)));
    }

    @Test
    void anExpiredCertificateIsRefusedAtTheHandshake() {
        assertRefusedAtHandshake(pki.clientContext(pki.expiredClientKeyStore(OIN)));
    }

    @Test
    void aCertificateRevokedAfterTheStartIsRefusedOnceTheCrlFileChanges() throws Exception {
        Path keyStore = pki.clientKeyStore(REVOKED_LATER_OIN);
        assertThat(GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(keyStore), null).port()
                .checkConnection(check("01AB")).isConnected()).as("accepted before its revocation").isTrue();

        Instant now = Instant.now().minusSeconds(60);
        DevPki.writeCrl(pki.crlFile(), DevPki.createCrl(pki.ca(), List.of(TestPki.certificateIn(keyStore)), now,
                now.plus(Duration.ofDays(1))));

        // a fresh client each time: a full handshake, no resumed session
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                refusedAtHandshake(catchThrowable(() -> GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(keyStore),
                        "TLSv1.2").port().checkConnection(check("01AB")))));
        callers.clear();
        assertRefusedAtHandshake(pki.clientContext(keyStore));
        assertThat(GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(pki.clientKeyStore(OIN)), null).port()
                .checkConnection(check("01AB")).isConnected()).as("other certificates of the CA still accepted").isTrue();
    }

    @Test
    void tls11IsRefusedByTheServer() throws Exception {
        int[] anySuite = concat(TlsProbe.STRONG_SUITES, TlsProbe.WEAK_SUITES);
        TlsProbe.Answer control = TlsProbe.hello("127.0.0.1", gateway.port(), TlsProbe.TLS_1_2, anySuite);
        assertThat(control.serverHello()).as("the same hand-made hello as TLS 1.2: " + control).isTrue();
        assertThat(control.version()).isEqualTo(TlsProbe.TLS_1_2);

        TlsProbe.Answer answer = TlsProbe.hello("127.0.0.1", gateway.port(), TlsProbe.TLS_1_1, anySuite);

        assertThat(answer.serverHello()).as(answer.toString()).isFalse();
        assertThat(answer.alert()).isEqualTo(TlsProbe.ALERT_PROTOCOL_VERSION);
    }

    @Test
    void weakCipherSuitesThatTheJdkWouldAcceptAreRefused() throws Exception {
        TlsProbe.Answer answer = TlsProbe.hello("127.0.0.1", gateway.port(), TlsProbe.TLS_1_2, TlsProbe.WEAK_SUITES);

        assertThat(answer.serverHello()).as(answer.toString()).isFalse();
        assertThat(answer.alert()).isEqualTo(TlsProbe.ALERT_HANDSHAKE_FAILURE);
    }

    @Test
    void aCertificateWithoutAnOinGetsSenderNotAuthorizedForEveryOperation() throws Exception {
        Path keyStore = dir.resolve("no-oin.p12");
        DevPki.writeKeyStore(keyStore, TestPki.PASSWORD.toCharArray(), "client", DevPki.issueClient(pki.ca(),
                "LAS without OIN", "not-an-oin", "Test Supplier", pki.validFrom(), pki.validUntil()));
        GatewayClient client = GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(keyStore), null);

        GatewayFault check = expectFault(FaultCode.SENDER_NOT_AUTHORIZED,
                () -> client.port().checkConnection(check("01AB")));
        GetDeliveryStatusRequest status = new GetDeliveryStatusRequest();
        status.setMessageId("any-message");
        GatewayFault statusFault = expectFault(FaultCode.SENDER_NOT_AUTHORIZED,
                () -> client.port().getDeliveryStatus(status));
        GatewayFault deliver = expectFault(FaultCode.SENDER_NOT_AUTHORIZED, () -> client.deliver(GatewayClient.request(
                "no-oin-1", "01AB", org.osogateway.contract.v1.Overdrachtsoort.OVERSTAPDOSSIER,
                Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml"))));

        for (GatewayFault f : List.of(check, statusFault, deliver)) {
            assertThat(f.getMessage()).isEqualTo("the client certificate carries no OIN in its subject serialNumber");
        }
    }

    @Test
    void theConfiguredProtocolsAndClientAuthReachTheServer() throws Exception {
        Properties p = TestGateway.mutualTls(pki);
        p.setProperty("gateway.soap.tls.protocols", "TLSv1.3");
        p.setProperty("gateway.soap.tls.client-auth", "want");
        List<Caller> seen = new CopyOnWriteArrayList<>();
        try (TestGateway tls13 = TestGateway.start(dir.resolve("tls13-want"), "http://127.0.0.1:1/las", p)) {
            recordCallers(tls13, seen);

            TlsProbe.Answer tls12 = TlsProbe.hello("127.0.0.1", tls13.port(), TlsProbe.TLS_1_2, TlsProbe.STRONG_SUITES);
            assertThat(tls12.alert()).as(tls12.toString()).isEqualTo(TlsProbe.ALERT_PROTOCOL_VERSION);

            // want: a client without a certificate gets in as the anonymous caller, one with a certificate as its OIN
            assertThat(GatewayClient.overTls(tls13.soapUrl(), trustOnly(), "TLSv1.3").port().checkConnection(check("01AB"))
                    .isConnected()).isTrue();
            assertThat(GatewayClient.overTls(tls13.soapUrl(), pki.clientContext(pki.clientKeyStore(OIN)), "TLSv1.3").port()
                    .checkConnection(check("01AB")).isConnected()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
            assertThat(seen).containsExactly(Caller.ANONYMOUS,
                    new Caller(OIN, "CN=LAS supplier " + OIN + ",O=Test Supplier,SERIALNUMBER=" + OIN + ",C=NL"));
            assertThat(health(tls13).path("soap").path("clientAuth").asText()).isEqualTo("want");
        }
    }

    @Test
    void healthShowsMutualTlsWithoutWarnings() throws Exception {
        JsonNode health = health(gateway);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("soap").path("tls").asBoolean()).isTrue();
        assertThat(health.path("soap").path("clientAuth").asText()).isEqualTo("need");
        assertThat(health.path("soap").path("insecureOverride").asBoolean()).isFalse();
        assertThat(health.path("warnings").isArray()).isTrue();
        assertThat(health.path("warnings")).isEmpty();
    }

    @Test
    void plainHttpOnAWildcardAddressRefusesToStartNamingTheSettings() {
        Properties p = new Properties();
        p.setProperty("gateway.soap.host", "0.0.0.0");

        assertThatThrownBy(() -> TestGateway.start(dir.resolve("refused"), "http://127.0.0.1:1/las", p).close())
                .hasStackTraceContaining("refusing to start: gateway.soap.host=0.0.0.0 is not a loopback address")
                .hasStackTraceContaining("gateway.soap.tls.enabled")
                .hasStackTraceContaining("gateway.soap.tls.client-auth")
                .hasStackTraceContaining("gateway.soap.allow-insecure");
    }

    @Test
    void theInsecureOverrideStartsAndShowsInHealth() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.soap.host", "0.0.0.0");
        p.setProperty("gateway.soap.allow-insecure", "true");
        try (TestGateway insecure = TestGateway.start(dir.resolve("insecure"), "http://127.0.0.1:1/las", p)) {
            JsonNode health = health(insecure);
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("soap").path("tls").asBoolean()).isFalse();
            assertThat(health.path("soap").path("clientAuth").asText()).isEqualTo("none");
            assertThat(health.path("soap").path("insecureOverride").asBoolean()).isTrue();
            assertThat(health.path("warnings")).hasSize(1);
            assertThat(health.path("warnings").get(0).asText()).contains("plain HTTP").contains("gateway.soap.tls.enabled=false");
            assertThat(new GatewayClient(insecure.soapUrl()).port().checkConnection(check("01AB")).isConnected()).isTrue();
        }
    }

    private static JsonNode health(TestGateway g) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(g.opsUrl() + "/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    /**
     * Calls CheckConnection with the context over TLS 1.2 and over TLS 1.3 and expects both to fail in TLS, with no
     * request reaching the SOAP route. The client sees the server's fatal alert, or (when its next flight was already
     * on the wire as the server closed) the connection reset; which one is a race, so either counts.
     */
    private void assertRefusedAtHandshake(SSLContext context) {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            Throwable t = catchThrowable(() -> GatewayClient.overTls(gateway.soapUrl(), context, protocol).port()
                    .checkConnection(check("01AB")));
            assertThat(refusedAtHandshake(t)).as(protocol + ": refused in TLS, got: " + rootCause(t)).isTrue();
        }
        assertThat(callers).as("no request reached the SOAP route").isEmpty();
    }

    /** Failed in TLS, without any SOAP answer: an SSL error, or the connection closed under the client. */
    private static boolean refusedAtHandshake(Throwable t) {
        if (t == null || t instanceof GatewayFault_Exception) {
            return false;
        }
        Throwable root = rootCause(t);
        return root instanceof SSLException || root instanceof java.net.SocketException
                || (root instanceof java.io.IOException && (String.valueOf(root.getMessage()).contains("Broken pipe")
                        || String.valueOf(root.getMessage()).contains("Connection reset")));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c != null && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Trusts the test CA but has no key: the client cannot present a certificate. */
    private SSLContext trustOnly() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.trustStore())) {
            trust.load(in, TestPki.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static CheckConnectionRequest check(String brin) {
        CheckConnectionRequest r = new CheckConnectionRequest();
        r.setBrin(brin);
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
