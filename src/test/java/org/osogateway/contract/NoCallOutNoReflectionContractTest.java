package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osogateway.mock.MockLas;
import org.osogateway.support.TestGateway;

/**
 * WS-Addressing headers never make the gateway connect anywhere (answers and faults go back on the caller's
 * connection), and answers carry only the HTTP headers the gateway means to send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoCallOutNoReflectionContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    static final String ACTION = "<wsa:Action>urn:oso-gateway:v1:DeliverDossier</wsa:Action>";
    static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";
    /** What an answer of the gateway may carry; everything else would be reflected or internal. */
    static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-length", "transfer-encoding", "date",
            "connection", ":status");

    MockLas las;
    TestGateway gateway;
    Trap trap;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-callout"), las.endpoint().toString(), new Properties());
        trap = new Trap();
    }

    @AfterAll
    void stop() throws Exception {
        trap.close();
        gateway.close();
        las.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FaultTo", "ReplyTo"})
    void aNonAnonymousReplyOrFaultAddressIsRefusedOnTheSameConnection(String header) throws Exception {
        String wsa = ACTION + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:" + header + "><wsa:Address>" + trap.url() + "</wsa:Address></wsa:" + header + ">";
        HttpResponse<String> r = post(envelope(wsa, validRequest(newId())), List.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        assertThat(r.body()).containsPattern("<faultcode>[A-Za-z0-9]+:Client</faultcode>")
                .contains("<code>MALFORMED_REQUEST</code>");
        assertThat(trap.connections()).as("connections to the address named in wsa:" + header).isZero();
    }

    @Test
    void aFaultOfABrokenRequestWithAFaultToGoesBackOnTheSameConnection() throws Exception {
        String wsa = ACTION + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:FaultTo><wsa:Address>" + trap.url() + "</wsa:Address></wsa:FaultTo>";
        HttpResponse<String> r = post(envelope(wsa, "<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>"
                + "bad id</messageId></DeliverDossierRequest>"), List.of());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).containsPattern("<faultcode>[A-Za-z0-9]+:Client</faultcode>");
        assertThat(trap.connections()).isZero();
    }

    @Test
    void fromAndAnonymousAddressesAreUnderstoodAndCallNobody() throws Exception {
        String id = newId();
        String wsa = ACTION + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:From><wsa:Address>" + trap.url() + "</wsa:Address></wsa:From>"
                + "<wsa:ReplyTo><wsa:Address>" + ANONYMOUS + "</wsa:Address></wsa:ReplyTo>"
                + "<wsa:FaultTo><wsa:Address>" + ANONYMOUS + "</wsa:Address></wsa:FaultTo>";
        HttpResponse<String> r = post(envelope(wsa, validRequest(id)), List.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("ACCEPTED").contains("RelatesTo");
        assertThat(trap.connections()).isZero();
    }

    @Test
    void anAcceptedAnswerReflectsNoRequestHeader() throws Exception {
        HttpResponse<String> r = post(envelope("", validRequest(newId())), hostileHeaders());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertOnlyGatewayHeaders(r);
    }

    @Test
    void aDuplicateAndAFaultReflectNoRequestHeader() throws Exception {
        String id = newId();
        post(envelope("", validRequest(id)), List.of());
        HttpResponse<String> duplicate = post(envelope("", validRequest(id)), hostileHeaders());
        assertThat(duplicate.body()).contains("DUPLICATE");
        assertOnlyGatewayHeaders(duplicate);

        HttpResponse<String> fault = post(envelope("", "<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\">"
                + "<messageId>bad id</messageId></DeliverDossierRequest>"), hostileHeaders());
        assertThat(fault.statusCode()).isEqualTo(500);
        assertOnlyGatewayHeaders(fault);

        HttpResponse<String> malformed = post("<soap:Envelope".getBytes(StandardCharsets.UTF_8), hostileHeaders());
        assertThat(malformed.statusCode()).isEqualTo(500);
        assertOnlyGatewayHeaders(malformed);
    }

    @Test
    void statusAndConnectionAnswersReflectNoRequestHeader() throws Exception {
        String check = "<CheckConnectionRequest xmlns=\"urn:oso-gateway:v1\"><brin>01AB</brin></CheckConnectionRequest>";
        HttpResponse<String> r = post(envelope("", check), hostileHeaders());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertOnlyGatewayHeaders(r);
    }

    @Test
    void opsPortAnswersReflectNoRequestHeader() throws Exception {
        String metrics = "http://127.0.0.1:" + gateway.context().getPropertiesComponent()
                .resolveProperty("gateway.metrics.port").orElseThrow() + "/observe/metrics";
        for (String url : List.of(gateway.opsUrl() + "/health", gateway.adminUrl() + "/schools/01AB/connection", metrics)) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
            List<String> headers = hostileHeaders();
            for (int i = 0; i < headers.size(); i += 2) {
                b.header(headers.get(i), headers.get(i + 1));
            }
            HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().map().keySet()).as(url).allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT))
                    .isIn("content-type", "content-length", "transfer-encoding", "date", "connection", ":status",
                            "www-authenticate", "cache-control"));
            assertThat(r.headers().map().values().toString()).as(url).doesNotContain("secret-");
        }
    }

    private static void assertOnlyGatewayHeaders(HttpResponse<String> r) {
        assertThat(r.headers().map().keySet()).allSatisfy(name ->
                assertThat(ANSWER_HEADERS).as("answer header " + name).contains(name.toLowerCase(Locale.ROOT)));
        assertThat(r.headers().map().values().toString()).doesNotContain("secret-");
    }

    private static List<String> hostileHeaders() {
        return List.of("Authorization", "Bearer secret-token", "Cookie", "session=secret-cookie",
                "X-Forwarded-For", "secret-ip", "osoMessagePk", "secret-pk", "CamelHttpUri", "http://secret-uri/",
                "X-Custom", "secret-custom");
    }

    private HttpResponse<String> post(byte[] body, List<String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.soapUrl()))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"");
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String validRequest(String id) throws IOException {
        String dossier = Files.readString(DEMO).replaceFirst("<\\?xml[^>]*>", "");
        return "<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>" + id + "</messageId>"
                + "<sender><brin>00YY</brin><vestiging>00</vestiging></sender><receiver><brin>01AB</brin></receiver>"
                + "<overdrachtsoort>overstapdossier</overdrachtsoort><dossier>" + dossier + "</dossier>"
                + "</DeliverDossierRequest>";
    }

    private static byte[] envelope(String wsaHeaders, String body) {
        return ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><soap:Header>" + wsaHeaders
                + "</soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static String newId() {
        return "callout-" + UUID.randomUUID();
    }

    /** A loopback port that counts every connection made to it: the gateway must never make one. */
    static final class Trap implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        Trap() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "call-out-trap");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/callback";
        }

        int connections() throws InterruptedException {
            Thread.sleep(300); // a call-out, if any, is made right after the answer
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
