package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.support.Drippers;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;

/**
 * Slow and abusive clients on the SOAP port of a real gateway with short timeouts: 64 connections dripping their body
 * one byte a second neither slow down nor block a normal request and are cut off with 408 after the body timeout
 * (plain and TLS); slow headers and idle connections are closed after their timeouts; the body memory budget answers
 * 503; and beyond the connection cap a request waits until a connection closes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    static final int TIMEOUT_SECONDS = 3;
    /** How late after its timeout a slow connection may be closed: generous, the machine is shared. */
    static final long MARGIN_MILLIS = 5000;

    Path dir;
    TestGateway plain;
    TestGateway tls;
    TestGateway capped;
    TestPki pki;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("oso-slow");
        plain = TestGateway.start(dir.resolve("plain"), "http://127.0.0.1:1/las", shortTimeouts());
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        Properties t = TestGateway.mutualTls(pki);
        t.putAll(shortTimeouts());
        tls = TestGateway.start(dir.resolve("tls"), "http://127.0.0.1:1/las", t);
        Properties c = shortTimeouts();
        c.setProperty("gateway.soap.max-connections", "4");
        c.setProperty("gateway.limits.max-request-bytes", "100000");
        c.setProperty("gateway.soap.max-buffered-bytes", "150000");
        capped = TestGateway.start(dir.resolve("capped"), "http://127.0.0.1:1/las", c);
    }

    @AfterAll
    void stop() throws Exception {
        for (TestGateway g : new TestGateway[] {plain, tls, capped}) {
            if (g != null) {
                g.close();
            }
        }
    }

    static Properties shortTimeouts() {
        Properties p = new Properties();
        p.setProperty("gateway.schemas.dirs", ""); // the demo schema is enough here, and starts faster
        p.setProperty("gateway.soap.header-timeout", "PT" + TIMEOUT_SECONDS + "S");
        p.setProperty("gateway.soap.body-timeout", "PT" + TIMEOUT_SECONDS + "S");
        p.setProperty("gateway.soap.idle-timeout", "PT" + TIMEOUT_SECONDS + "S");
        return p;
    }

    @Test
    void aDossierIsAcceptedWhile64ClientsDripTheirBodyAndTheyAreCutOffWith408AfterTheBodyTimeout() throws Exception {
        GatewayClient client = new GatewayClient(plain.soapUrl());
        assertThat(deliverDemo(client)).isEqualTo(AcceptStatus.ACCEPTED); // connection and code paths warm

        try (Drippers drippers = Drippers.open(64, plain.port(), null, Drippers.bodyHead(plain.port(), 4000))) {
            // 64 is four times the worker threads: a blocking body read would leave none for this request
            assertThat(deliverDemo(client)).isEqualTo(AcceptStatus.ACCEPTED);
            assertThat(drippers.openCount()).as("answered while all 64 still drip").isEqualTo(64);

            assertCutOffAfterTimeout(drippers);
            for (Drippers.Drip d : drippers.drips()) {
                assertThat(d.answer()).startsWith("HTTP/1.1 408 ");
                assertThat(d.bytesSent()).isLessThan(4000);
            }
        }
        assertThat(deliverDemo(client)).isEqualTo(AcceptStatus.ACCEPTED);
    }

    @Test
    void overMutualTlsTooARequestIsAnsweredWhileClientsDripAndTheyAndConnectionsThatNeverHandshakeAreCutOff()
            throws Exception {
        var context = pki.clientContext(pki.clientKeyStore(MutualTlsContractTest.OIN));
        GatewayClient client = GatewayClient.overTls(tls.soapUrl(), context, null);
        assertThat(client.port().checkConnection(check()).isConnected()).isTrue();

        try (Drippers drippers = Drippers.open(16, tls.port(), context, Drippers.bodyHead(tls.port(), 4000));
             Drippers noHandshake = Drippers.open(2, tls.port(), null, "")) {
            assertThat(client.port().checkConnection(check()).isConnected()).isTrue();
            assertThat(drippers.openCount()).as("answered while all 16 still drip").isEqualTo(16);

            assertCutOffAfterTimeout(drippers);
            // closed by the idle timeout: HTTP/2 is off, so no protocol negotiation holds them outside it
            assertCutOffAfterTimeout(noHandshake);
            for (Drippers.Drip d : drippers.drips()) {
                assertThat(d.answer()).startsWith("HTTP/1.1 408 ");
            }
        }
    }

    @Test
    void aClientThatExpects100ContinueGetsItBeforeItSendsTheBody() throws Exception {
        int port = plain.port();
        byte[] body = demoEnvelope().getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(Drippers.bodyHead(port, body.length)
                    .replace("\r\n\r\n", "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] interim = new byte[25];
            int n = in.readNBytes(interim, 0, interim.length);
            assertThat(new String(interim, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write(body);
            out.flush();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 ")
                    .contains(">ACCEPTED<");
        }
    }

    @Test
    void slowHeadersAndIdleConnectionsAreClosedAfterTheirTimeouts() throws Exception {
        try (Drippers slowHeaders = Drippers.open(4, plain.port(), null, Drippers.partialHead(plain.port()));
             Drippers idle = Drippers.open(4, plain.port(), null, "")) {
            assertCutOffAfterTimeout(slowHeaders);
            assertCutOffAfterTimeout(idle);
            // Undertow closes both without an answer: there is no request to answer
            for (Drippers.Drip d : slowHeaders.drips()) {
                assertThat(d.answer()).isEmpty();
            }
            for (Drippers.Drip d : idle.drips()) {
                assertThat(d.answer()).isEmpty();
            }
        }
    }

    @Test
    void aBodyTheMemoryBudgetCannotHoldGets503AndTheNextRequestIsServedOnceTheHolderIsCutOff() throws Exception {
        int port = capped.port();
        // 95,001 of the 150,000 budget bytes (a body of 95,000 declared, 90,000 sent, then a byte a second)
        try (Drippers holder = Drippers.open(1, port, null, Drippers.bodyHead(port, 95_000) + "x".repeat(90_000))) {
            Thread.sleep(300);
            // a body of 70,000 does not fit beside it: refused before it is read
            assertThat(rawExchange(port, Drippers.bodyHead(port, 70_000))).startsWith("HTTP/1.1 503 ");
            assertThat(holder.awaitAllClosed(TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS)).isTrue();
            assertThat(holder.drips().get(0).answer()).startsWith("HTTP/1.1 408 ");
        }
        String answer = rawExchange(port, soapPost(port, demoEnvelope()));
        assertThat(answer).startsWith("HTTP/1.1 200 ").contains(">ACCEPTED<");
    }

    @Test
    void beyondTheConnectionCapARequestWaitsUntilAConnectionCloses() throws Exception {
        int port = capped.port();
        try (Drippers idle = Drippers.open(4, port, null, "")) {
            Thread.sleep(300); // all four accepted
            String answer = rawExchange(port, soapPost(port, demoEnvelope()));
            assertThat(answer).startsWith("HTTP/1.1 200 ").contains(">ACCEPTED<");
            // the fifth connection was only taken up once the idle timeout had closed (some of) the four
            assertThat(idle.openCount()).isLessThan(4);
            for (Drippers.Drip d : idle.drips()) {
                if (!d.isOpen()) {
                    assertThat(d.secondsOpen()).isGreaterThan(TIMEOUT_SECONDS * 0.8);
                }
            }
        }
    }

    /** Every connection closed by the server, not before the timeout and at most a margin after it. */
    static void assertCutOffAfterTimeout(Drippers drippers) throws InterruptedException {
        assertThat(drippers.awaitAllClosed(TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS))
                .as("all closed within %d s + %d ms", TIMEOUT_SECONDS, MARGIN_MILLIS).isTrue();
        for (Drippers.Drip d : drippers.drips()) {
            assertThat(d.secondsOpen()).isBetween(TIMEOUT_SECONDS * 0.8, TIMEOUT_SECONDS + MARGIN_MILLIS / 1000.0);
        }
    }

    static AcceptStatus deliverDemo(GatewayClient client) throws Exception {
        return client.deliver(GatewayClient.request("slow-" + UUID.randomUUID(), "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                DEMO)).getStatus();
    }

    static CheckConnectionRequest check() {
        CheckConnectionRequest r = new CheckConnectionRequest();
        r.setBrin("01AB");
        return r;
    }

    static String demoEnvelope() throws IOException {
        String dossier = Files.readString(DEMO).replaceFirst("^<\\?xml[^>]*\\?>", "").strip();
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:DeliverDossierRequest><g:messageId>slow-" + UUID.randomUUID() + "</g:messageId>"
                + "<g:sender><g:brin>00YY</g:brin><g:vestiging>00</g:vestiging></g:sender>"
                + "<g:receiver><g:brin>01AB</g:brin></g:receiver><g:overdrachtsoort>overstapdossier</g:overdrachtsoort>"
                + "<g:dossier>" + dossier + "</g:dossier></g:DeliverDossierRequest></soap:Body></soap:Envelope>";
    }

    static String soapPost(int port, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return Drippers.bodyHead(port, b.length).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + body;
    }

    /** Sends {@code request} on a new connection and reads the answer until the server closes it. */
    static String rawExchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
