package org.osogateway.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.delivery.DeliveryOutcome;
import org.osogateway.delivery.DeliveryOutcome.Kind;
import org.osogateway.delivery.OutcomeClassifier;
import org.osogateway.delivery.ReceiveDossierCall;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

class MockLasTest {

    /** A made-up dossier in a made-up namespace, exclusive C14N form, with non-ASCII text and escapes. */
    static final String DOSSIER = "<t:overstap xmlns:t=\"urn:example:test-dossier:1\" versie=\"1\">"
            + "<t:leerling><t:naam>Zoë &amp; Ünal &lt;test&gt;</t:naam></t:leerling>"
            + "<t:leeg></t:leeg></t:overstap>";

    private static MockLas mock;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutcomeClassifier classifier = new OutcomeClassifier();

    @BeforeAll
    static void startMock() {
        mock = new MockLas(0).start();
    }

    @AfterAll
    static void stopMock() {
        mock.stop();
    }

    @BeforeEach
    void resetMock() {
        mock.reset();
    }

    static ReceiveDossierCall call(String messageId, int attempt, String dossier) {
        return new ReceiveDossierCall(messageId, "12AB", "01", "34CD", null, "ROUTE00000000000001", "overstapdossier",
                attempt, "ab".repeat(32), dossier.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> post(ReceiveDossierCall call) throws IOException, InterruptedException {
        return postBytes(ReceiveDossierEnvelope.build(call));
    }

    static HttpResponse<byte[]> postBytes(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(mock.endpoint())
                .header("Content-Type", ReceiveDossierEnvelope.CONTENT_TYPE)
                .header("SOAPAction", "\"" + ReceiveDossierEnvelope.SOAP_ACTION + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private DeliveryOutcome deliver(String messageId, int attempt) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = post(call(messageId, attempt, DOSSIER));
        return classifier.classify(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body(), messageId);
    }

    static HttpResponse<String> admin(String method, String pathAndQuery, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mock.baseUrl() + pathAndQuery));
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void defaultAnswerIsAMatchingResponseThatClassifiesAsDelivered() throws Exception {
        DeliveryOutcome o = deliver("msg-default-1", 1);
        assertThat(o.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(mock.countFor("msg-default-1")).isEqualTo(1);
        assertThat(mock.countFor("never-sent")).isZero();
        assertThat(mock.totalDelivered()).isEqualTo(1);
    }

    @Test
    void receivedHoldsTheExactDossierAndTheCallsFields() throws Exception {
        post(call("msg-rec-1", 2, DOSSIER));
        List<ReceivedCall> received = mock.received();
        assertThat(received).hasSize(1);
        ReceivedCall c = received.get(0);
        assertThat(c.messageId()).isEqualTo("msg-rec-1");
        assertThat(c.attempt()).isEqualTo(2);
        assertThat(c.senderBrin()).isEqualTo("12AB");
        assertThat(c.receiverBrin()).isEqualTo("34CD");
        assertThat(c.dossierSha256()).isEqualTo("ab".repeat(32));
        assertThat(c.answer()).isEqualTo("RECEIVED");
        assertThat(c.httpStatus()).isEqualTo(200);
        assertThat(c.receivedAt()).isNotNull();
        assertThat(c.dossier()).isEqualTo(DOSSIER.getBytes(StandardCharsets.UTF_8));
        assertThat(c.dossierSize()).isEqualTo(DOSSIER.getBytes(StandardCharsets.UTF_8).length);
        assertThat(c.requestSize()).isGreaterThan(c.dossierSize());
        Diff diff = DiffBuilder.compare(Input.fromString(DOSSIER)).withTest(Input.fromByteArray(c.dossier()))
                .checkForIdentical().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
    }

    @Test
    void emptyDossierElementIsCutOutExactly() throws Exception {
        String empty = "<e:leeg xmlns:e=\"urn:example:empty\"/>";
        post(call("msg-empty", 1, empty));
        assertThat(mock.dossierFor("msg-empty")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(empty));
    }

    @Test
    void soapHeaderEntriesAreIgnored() throws Exception {
        String xml = new String(ReceiveDossierEnvelope.build(call("msg-hdr", 1, DOSSIER)), StandardCharsets.UTF_8)
                .replace("<osoenv:Body>", "<osoenv:Header><h:ctx xmlns:h=\"urn:example:hdr\"><h:messageId>not-this</h:messageId>"
                        + "</h:ctx></osoenv:Header><osoenv:Body>");
        HttpResponse<byte[]> r = postBytes(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(classifier.classify(r.statusCode(), null, r.body(), "msg-hdr").kind()).isEqualTo(Kind.DELIVERED);
        assertThat(mock.dossierFor("msg-hdr")).hasValueSatisfying(b -> assertThat(b).isEqualTo(DOSSIER.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void serviceUnavailableWithRetryAfterIsTransient() throws Exception {
        mock.httpStatus(503, Duration.ofSeconds(120));
        DeliveryOutcome o = deliver("msg-503", 1);
        assertThat(o.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(o.code()).isEqualTo("RECEIVER_HTTP_503");
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(mock.countFor("msg-503")).isZero();
        assertThat(mock.callsFor("msg-503")).isEqualTo(1);
        assertThat(mock.received().get(0).answer()).isEqualTo("HTTP_503");
    }

    @Test
    void clientFaultIsPermanentAndServerFaultTransient() throws Exception {
        mock.soapFault("Client");
        DeliveryOutcome client = deliver("msg-client", 1);
        assertThat(client.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(client.code()).isEqualTo("RECEIVER_SOAP_FAULT");
        assertThat(client.httpStatus()).isEqualTo(500);

        mock.soapFault("Server");
        assertThat(deliver("msg-server", 1).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void failFirstFailsThatManyTimesThenSucceeds() throws Exception {
        mock.failFirst(2, FailureMode.httpStatus(503));
        assertThat(deliver("msg-ff", 1).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(deliver("msg-ff", 2).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(deliver("msg-ff", 3).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(deliver("msg-ff-2", 1).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(mock.countFor("msg-ff")).isEqualTo(1);
        assertThat(mock.callsFor("msg-ff")).isEqualTo(3);
        assertThat(mock.received()).extracting(ReceivedCall::attempt).containsExactly(1, 2, 3, 1);
    }

    @Test
    void delayHoldsTheAnswerBack() throws Exception {
        mock.delay(Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThat(deliver("msg-slow", 1).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void delayBeyondTheClientTimeoutClassifiesAsTimeout() throws Exception {
        mock.delay(Duration.ofMillis(1500));
        HttpRequest request = HttpRequest.newBuilder(mock.endpoint()).timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ReceiveDossierEnvelope.build(call("msg-to", 1, DOSSIER)))).build();
        DeliveryOutcome o;
        try {
            HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            throw new AssertionError("expected a timeout");
        } catch (IOException e) {
            o = classifier.classify(e);
        }
        assertThat(o.code()).isEqualTo("RECEIVER_TIMEOUT");
    }

    @Test
    void malformedRequestsGetAClientFaultAndDoNotUseUpFailFirst() throws Exception {
        mock.failFirst(1, FailureMode.httpStatus(503));
        HttpResponse<byte[]> r = postBytes("<not-soap/>".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("soap:Client").contains("MALFORMED_REQUEST");
        String twoChildren = new String(ReceiveDossierEnvelope.build(call("msg-two", 1, DOSSIER)), StandardCharsets.UTF_8)
                .replace("</osolas:dossier>", DOSSIER + "</osolas:dossier>");
        assertThat(postBytes(twoChildren.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(500);
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]>"
                + new String(ReceiveDossierEnvelope.build(call("msg-dtd", 1, DOSSIER)), StandardCharsets.UTF_8).substring(38);
        assertThat(postBytes(dtd.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(500);
        assertThat(mock.received()).extracting(ReceivedCall::answer).containsOnly("MALFORMED");
        assertThat(deliver("msg-after", 1).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void keepsOnlyTheNewestCallsAndDossiersButCountsAll() throws Exception {
        try (MockLas small = new MockLas(0, 3, 1, 10, java.time.Clock.systemUTC()).start()) {
            for (int i = 1; i <= 5; i++) {
                HttpRequest request = HttpRequest.newBuilder(small.endpoint())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ReceiveDossierEnvelope.build(call("m" + i, 1, DOSSIER))))
                        .build();
                assertThat(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
            assertThat(small.received()).extracting(ReceivedCall::messageId).containsExactly("m3", "m4", "m5");
            assertThat(small.received()).extracting(c -> c.dossier() != null).containsExactly(false, false, true);
            assertThat(small.countFor("m1")).isEqualTo(1);
            assertThat(small.totalCalls()).isEqualTo(5);
        }
    }

    @Test
    void adminBehaviourPathSetsFailureModes() throws Exception {
        HttpResponse<String> set = admin("POST", "/mock/behaviour?status=503&retryAfter=30", null);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).get("mode").asText()).isEqualTo("HTTP_503");
        DeliveryOutcome o = deliver("msg-admin-503", 1);
        assertThat(o.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        assertThat(admin("POST", "/mock/behaviour", "{\"soapFault\":\"Client\"}").statusCode()).isEqualTo(200);
        assertThat(deliver("msg-admin-client", 1).kind()).isEqualTo(Kind.PERMANENT);

        JsonNode ff = JSON.readTree(admin("POST", "/mock/behaviour", "{\"failFirst\":1,\"soapFault\":\"Server\"}").body());
        assertThat(ff.get("failuresLeft").asInt()).isEqualTo(1);
        assertThat(deliver("msg-admin-ff", 1).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(deliver("msg-admin-ff", 2).kind()).isEqualTo(Kind.DELIVERED);

        assertThat(admin("POST", "/mock/behaviour?status=500", null).statusCode()).isEqualTo(200);
        JsonNode ok = JSON.readTree(admin("POST", "/mock/behaviour", "{}").body()); // empty = back to default
        assertThat(ok.get("mode").asText()).isEqualTo("RECEIVED");
        assertThat(deliver("msg-admin-ok", 1).kind()).isEqualTo(Kind.DELIVERED);

        JsonNode current = JSON.readTree(admin("GET", "/mock/behaviour", null).body());
        assertThat(current.get("mode").asText()).isEqualTo("RECEIVED");
        assertThat(current.get("delayMs").asLong()).isZero();
    }

    @Test
    void adminRejectsBadInput() throws Exception {
        assertThat(admin("POST", "/mock/behaviour?soapFault=Sometimes", null).statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/mock/behaviour?status=abc", null).statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/mock/behaviour", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/mock/behaviour", "{\"status\":503,\"soapFault\":\"Server\"}").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/mock/nothing-here", null).statusCode()).isEqualTo(404);
        assertThat(mock.failureMode()).isEmpty();
    }

    @Test
    void adminReceivedPathsShowSummariesAndTheDossier() throws Exception {
        post(call("msg:admin.1", 1, DOSSIER));
        HttpResponse<String> list = admin("GET", "/mock/received", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("leerling").doesNotContain("overstap");
        JsonNode json = JSON.readTree(list.body());
        assertThat(json.get("totalCalls").asLong()).isEqualTo(1);
        JsonNode first = json.get("calls").get(0);
        assertThat(first.get("messageId").asText()).isEqualTo("msg:admin.1");
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        assertThat(first.get("senderBrin").asText()).isEqualTo("12AB");
        assertThat(first.get("answer").asText()).isEqualTo("RECEIVED");
        assertThat(first.get("dossierSize").asInt()).isEqualTo(DOSSIER.getBytes(StandardCharsets.UTF_8).length);

        HttpResponse<String> dossier = admin("GET", "/mock/received/msg%3Aadmin.1/dossier", null);
        assertThat(dossier.statusCode()).isEqualTo(200);
        assertThat(dossier.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
        assertThat(dossier.body()).isEqualTo(DOSSIER);
        assertThat(admin("GET", "/mock/received/msg:admin.1/dossier", null).body()).isEqualTo(DOSSIER);
        assertThat(admin("GET", "/mock/received/unknown/dossier", null).statusCode()).isEqualTo(404);

        assertThat(admin("DELETE", "/mock/received", null).statusCode()).isEqualTo(200);
        assertThat(mock.received()).isEmpty();
        post(call("msg-x", 1, DOSSIER));
        mock.httpStatus(503);
        assertThat(admin("POST", "/mock/reset", null).statusCode()).isEqualTo(200);
        assertThat(mock.received()).isEmpty();
        assertThat(mock.failureMode()).isEmpty();
    }

    @Test
    void wrongMethodOnTheServicePathIsNotAnswered() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(mock.endpoint()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(mock.totalCalls()).isZero();
    }
}
