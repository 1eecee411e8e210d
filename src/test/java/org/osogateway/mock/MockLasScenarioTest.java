package org.osogateway.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.cli.MockLasCommand;
import org.osogateway.delivery.ReceiveDossierCall;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.support.TestPki;
import org.osogateway.tls.ClientTls;
import picocli.CommandLine;

/** A mock LAS running a scenario, called over real HTTP(S): by BRIN, fail first N, slow, bounded hang. */
class MockLasScenarioTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples/mock-las-scenario");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static MockLas start(String yaml) {
        return new MockLas(0).scenario(ScenarioFile.parse(yaml, "test.yaml", null)).start();
    }

    private static byte[] request(String messageId, String receiverBrin) {
        return ReceiveDossierEnvelope.build(new ReceiveDossierCall(messageId, "12AB", null, receiverBrin, null,
                "ROUTE00000000000001", "overstapdossier", 1, "ab".repeat(32),
                MockLasTest.DOSSIER.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(HttpClient client, URI endpoint, String messageId, String receiverBrin,
                                             Duration timeout) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", ReceiveDossierEnvelope.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(messageId, receiverBrin))).build();
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(MockLas mock, String messageId, String receiverBrin)
            throws IOException, InterruptedException {
        return post(HTTP, mock.endpoint(), messageId, receiverBrin, Duration.ofSeconds(10));
    }

    @Test
    void failsTheFirstCallsOverAllMessageIdsThenSucceedsAndStartsAgainOnReset() throws Exception {
        try (MockLas mock = start("rules: [{failFirst: 2, answer: status, status: 503, retryAfterSeconds: 7}]")) {
            HttpResponse<String> first = post(mock, "ff-1", "34CD");
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.headers().firstValue("Retry-After")).contains("7");
            assertThat(post(mock, "ff-2", "34CD").statusCode()).isEqualTo(503);
            HttpResponse<String> third = post(mock, "ff-1", "34CD");
            assertThat(third.statusCode()).isEqualTo(200);
            assertThat(third.body()).contains("RECEIVED").contains("ff-1");
            assertThat(mock.received()).extracting(ReceivedCall::answer).containsExactly("HTTP_503", "HTTP_503", "RECEIVED");

            mock.reset();
            assertThat(post(mock, "ff-3", "34CD").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aFaultOnOneBrinWhileOtherBrinsGetReceived() throws Exception {
        try (MockLas mock = new MockLas(0).scenario(ScenarioFile.load(SAMPLES.resolve("valid-brins.yaml"))).start()) {
            HttpResponse<String> refused = post(mock, "brin-1", "99XX");
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("<faultcode>soap:Client</faultcode>");
            // the failFirst rule takes the next two calls to other schools, 99XX stays refused meanwhile
            assertThat(post(mock, "brin-2", "34CD").statusCode()).isEqualTo(503);
            assertThat(post(mock, "brin-3", "99XX").statusCode()).isEqualTo(500);
            assertThat(post(mock, "brin-4", "35EF").statusCode()).isEqualTo(503);
            assertThat(post(mock, "brin-5", "34CD").body()).contains("RECEIVED");
            assertThat(post(mock, "brin-6", "99XX").statusCode()).isEqualTo(500);
            assertThat(mock.countFor("brin-5")).isEqualTo(1);
            assertThat(mock.received()).extracting(ReceivedCall::receiverBrin, ReceivedCall::answer).containsExactly(
                    tuple("99XX", "SOAP_FAULT_Client"),
                    tuple("34CD", "HTTP_503"),
                    tuple("99XX", "SOAP_FAULT_Client"),
                    tuple("35EF", "HTTP_503"),
                    tuple("34CD", "RECEIVED"),
                    tuple("99XX", "SOAP_FAULT_Client"));
        }
    }

    @Test
    void aSlowRuleHoldsTheAnswerBackOnlyForItsBrins() throws Exception {
        try (MockLas mock = start("rules: [{brins: [77SL], delayMs: 600, answer: received}]")) {
            long start = System.nanoTime();
            assertThat(post(mock, "slow-1", "77SL").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            start = System.nanoTime();
            assertThat(post(mock, "fast-1", "34CD").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
        }
    }

    @Test
    void hangingCallsAreBoundedAndTheMockKeepsAnsweringOthers() throws Exception {
        MockLas mock = start("hang: {maxSeconds: 60, maxCalls: 2}\nrules: [{brins: [98XX], answer: hang}]");
        try {
            for (String id : new String[] {"hang-1", "hang-2"}) {
                assertThatThrownBy(() -> post(HTTP, mock.endpoint(), id, "98XX", Duration.ofMillis(300)))
                        .isInstanceOf(HttpTimeoutException.class);
            }
            // both still held by the mock (the client gave up, the mock does not know): a third is closed at once
            long start = System.nanoTime();
            assertThatThrownBy(() -> post(HTTP, mock.endpoint(), "hang-3", "98XX", Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(post(mock, "other-1", "34CD").statusCode()).isEqualTo(200);
            assertThat(mock.received()).extracting(ReceivedCall::answer, ReceivedCall::httpStatus).containsExactly(
                    tuple("HANG", 0),
                    tuple("HANG", 0),
                    tuple("HANG_LIMIT", 0),
                    tuple("RECEIVED", 200));
        } finally {
            long start = System.nanoTime();
            mock.stop();
            // stopping lets the held calls go instead of waiting out maxSeconds
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aHangEndsAfterItsMaximumWithTheConnectionClosed() throws Exception {
        try (MockLas mock = new MockLas(0, 10, 1, MockLas.DEFAULT_CONTAINER_THREADS, Clock.systemUTC())
                .scenario(ScenarioFile.parse("rules: [{answer: hang}]", "t.yaml", null)).hangLimits(Duration.ofMillis(500), 1)
                .start()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> post(HTTP, mock.endpoint(), "h-1", "34CD", Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(8));
        }
    }

    @Test
    void httpsFromTheScenarioFileThroughTheCommand(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create(dir);
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, "https: {port: 0, keystore: " + pki.lasServerKeyStore().getFileName()
                + ", keystorePassword: " + TestPki.PASSWORD + "}\n"
                + "rules:\n  - brins: [99XX]\n    answer: status\n    status: 429\n");
        MockLasCommand command = new MockLasCommand();
        new CommandLine(command).parseArgs("--port", "0", "--scenario", file.toString());
        try (MockLas mock = command.start()) {
            SSLContext tls = ClientTls.fromProperties("t.", Map.of("t.truststore", pki.trustStore().toString(),
                    "t.truststore-password", TestPki.PASSWORD)::get).sslContext();
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(post(client, mock.httpsEndpoint(), "tls-1", "99XX", Duration.ofSeconds(10)).statusCode()).isEqualTo(429);
            assertThat(post(client, mock.httpsEndpoint(), "tls-2", "34CD", Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void adminShowsTheScenarioAndABehaviourPostReplacesIt() throws Exception {
        try (MockLas mock = start("rules: [{answer: status, status: 503}]")) {
            HttpResponse<String> shown = HTTP.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/mock/behaviour")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode behaviour = new ObjectMapper().readTree(shown.body());
            assertThat(behaviour.get("mode").asText()).isEqualTo("SCENARIO");
            assertThat(behaviour.get("scenario").asText()).isEqualTo("test.yaml");
            assertThat(post(mock, "adm-1", "34CD").statusCode()).isEqualTo(503);
            HTTP.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/mock/behaviour"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(mock.scenario()).isEmpty();
            assertThat(post(mock, "adm-2", "34CD").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void scenarioOptionsRefuseTheBehaviourOptionsAndNameFileErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, "rules: [{answer: received}]\n");
        for (String[] conflict : new String[][] {{"--status", "503"}, {"--soap-fault", "Client"}, {"--fail-first", "2"}}) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new MockLasCommand()).setErr(new PrintWriter(err))
                    .execute("--port", "0", "--scenario", file.toString(), conflict[0], conflict[1]);
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains(conflict[0] + " does not combine with --scenario");
        }
        StringWriter fast = new StringWriter();
        assertThat(new CommandLine(new MockLasCommand()).setErr(new PrintWriter(fast))
                .execute("--fast", "--port", "0", "--scenario", file.toString())).isEqualTo(2);
        assertThat(fast.toString()).contains("--scenario does not combine with --fast");

        Files.writeString(file, "rules: [{answer: status, status: 700}]\n");
        MockLasCommand command = new MockLasCommand();
        new CommandLine(command).parseArgs("--port", "0", "--scenario", file.toString());
        assertThatThrownBy(command::start).hasMessage(file + ": rules[0].status: must be 100..599");
    }
}
