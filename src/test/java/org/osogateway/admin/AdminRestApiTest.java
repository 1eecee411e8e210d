package org.osogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.DeliveryState;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * The admin API's REST binding through a real gateway: unknown keys and wrong types refused by name, the OpenAPI
 * document, no reflected header, and the delivery operations (filter by sender, purge, bulk re-send, ambiguous ids).
 */
class AdminRestApiTest {
    private static final String OPS = "ops-secret";
    private static final String READER = "reader-secret";
    private static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static MockLas las;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        las = new MockLas(0).start();
        Properties p = new Properties();
        p.setProperty("gateway.admin.tokens", AdminTokens.entry("ops", EnumSet.of(AdminTokens.Role.REGISTRY,
                AdminTokens.Role.DELIVERIES), OPS) + ";" + AdminTokens.entry("reader", EnumSet.of(AdminTokens.Role.READ), READER));
        gateway = TestGateway.start(tmp.resolve("gw"), las.endpoint().toString(), p);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        las.close();
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String message() {
            return body.path("message").asText();
        }
    }

    static Answer call(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.adminUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("X-Echo", "reflect-me")
                .header("Origin", "https://evil.example");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()), r);
    }

    @Test
    void anUnknownKeyIsRefusedByNameListingTheKnownOnes() throws Exception {
        Answer a = call("POST", "/schools", "{\"brin\":\"11UK\",\"name\":\"X\",\"board\":\"B-VOORBEELD\",\"vestiging\":[\"00\"]}",
                OPS);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("field").asText()).isEqualTo("vestiging");
        assertThat(a.message()).isEqualTo("unknown field 'vestiging'; known fields: board, brin, name, vestigingen");
        assertThat(call("GET", "/schools/11UK", null, OPS).status()).isEqualTo(404);
    }

    @Test
    void aCodeSentAsANumberIsRefusedBecauseItWouldLoseItsLeadingZeros() throws Exception {
        Answer a = call("POST", "/suppliers", "{\"oin\":3000000000099,\"name\":\"X\"}", OPS);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("field").asText()).isEqualTo("oin");
        assertThat(a.message()).startsWith("field 'oin' must be a string (codes keep their leading zeros)");
        Answer list = call("POST", "/schools", "{\"brin\":\"11UK\",\"name\":\"X\",\"board\":\"B-VOORBEELD\",\"vestigingen\":\"00\"}", OPS);
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.body().path("field").asText()).isEqualTo("vestigingen");
        Answer notJson = call("POST", "/boards", "{\"id\":", OPS);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.message()).isEqualTo("the request body is not valid JSON");
    }

    @Test
    void theOpenApiDocumentDescribesEveryResource() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("OSO gateway admin API");
        assertThat(doc.path("paths").has("/admin/boards")).isTrue();
        assertThat(doc.path("paths").path("/admin/deliveries/{id}/purge").has("post")).isTrue();
        assertThat(doc.path("paths").path("/admin/endpoints/{routeringskenmerk}").has("put")).isTrue();
        assertThat(doc.path("paths").path("/admin/deliveries").path("get").path("parameters").toString())
                .contains("\"sender\"").contains("\"receiver\"").contains("\"state\"");
        assertThat(doc.path("components").path("schemas").has("EndpointRequest")).isTrue();
        // answers are described too, so a generated client knows what comes back
        assertThat(doc.path("components").path("schemas").has("ChangeAnswer")).isTrue();
        assertThat(doc.path("components").path("schemas").has("DeliveryStatus")).isTrue();
        assertThat(doc.path("paths").path("/admin/boards").path("get").path("responses").toString()).contains("BoardView");
        assertThat(doc.path("components").path("schemas").path("EndpointRequest").path("properties").has("routeringskenmerk"))
                .isTrue();
    }

    @Test
    void noAnswerCarriesARequestHeader() throws Exception {
        for (Answer a : new Answer[] {call("GET", "/boards", null, OPS), call("GET", "/boards/NOPE", null, OPS),
                call("GET", "/boards", null, null), call("POST", "/boards", "{\"bad\":1}", OPS)}) {
            assertThat(a.raw().headers().map().keySet()).as(a.raw().toString())
                    .noneMatch(h -> h.equalsIgnoreCase("X-Echo") || h.equalsIgnoreCase("Origin")
                            || h.equalsIgnoreCase("Authorization"));
            assertThat(a.raw().headers().toString()).doesNotContain("reflect-me").doesNotContain("evil.example");
        }
    }

    @Test
    void aCallerCannotSetCamelsOwnHeaders() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl() + "/boards"))
                .header("Authorization", "Bearer " + OPS).header("CamelHttpResponseCode", "299")
                .header("camelhttpuri", "http://evil.example/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).isArray()).isTrue();
    }

    @Test
    void deliveriesFilteredBySenderPurgedAndReSentInBulk() throws Exception {
        las.always(FailureMode.httpStatus(400)); // a permanent refusal: FAILED at once
        String shared = "shared-" + UUID.randomUUID();
        String fromYY = send(shared, "00YY");
        send(shared, "02CD");
        String other = send("other-" + UUID.randomUUID(), "00YY");
        DeliveryQueries queries = gateway.bean("deliveryQueries", DeliveryQueries.class);
        for (String[] m : new String[][] {{"00YY", shared}, {"02CD", shared}, {"00YY", other}}) {
            long pk = queries.findPk(m[0], m[1]).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> queries.status(pk).orElseThrow().state() == DeliveryState.FAILED);
        }

        // one messageId, two senders: the sender must be named
        Answer ambiguous = call("GET", "/deliveries/" + shared, null, OPS);
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.body().path("field").asText()).isEqualTo("senderBrin");
        assertThat(ambiguous.message()).contains("00YY").contains("02CD");
        assertThat(call("GET", "/deliveries/" + shared + "?senderBrin=02CD", null, OPS).body().path("senderBrin").asText())
                .isEqualTo("02CD");

        Answer bySender = call("GET", "/deliveries?state=FAILED&sender=02CD", null, OPS);
        assertThat(bySender.body()).hasSize(1);
        assertThat(bySender.body().get(0).path("messageId").asText()).isEqualTo(shared);

        // purge: not by a reader, not without a reason, then audited; no re-send afterwards
        String purgePath = "/deliveries/" + shared + "/purge?senderBrin=02CD";
        assertThat(call("POST", purgePath, "{\"reason\":\"x\"}", READER).status()).isEqualTo(403);
        assertThat(call("POST", purgePath, "{}", OPS).body().path("field").asText()).isEqualTo("reason");
        Answer purged = call("POST", purgePath, "{\"reason\":\"sent to the wrong school\"}", OPS);
        assertThat(purged.status()).as(purged.body().toString()).isEqualTo(200);
        assertThat(purged.body().path("purged").asBoolean()).isTrue();
        assertThat(call("POST", purgePath, "{\"reason\":\"again\"}", OPS).status()).isEqualTo(409);
        JsonNode events = call("GET", "/deliveries/" + shared + "?senderBrin=02CD", null, OPS).body().path("events");
        assertThat(events.toString()).contains("PAYLOAD_PURGED").contains("sent to the wrong school");
        assertThat(call("POST", "/deliveries/" + shared + "/resend?senderBrin=02CD", "{\"reason\":\"x\"}", OPS).status())
                .isEqualTo(409);

        // bulk re-send of 00YY's dead letter: a dry run counts, the real one re-sends both, once
        las.reset();
        String bulk = "{\"reason\":\"receiver fixed\",\"sender\":\"00YY\",\"receiver\":\"01AB\",\"dryRun\":true}";
        Answer dry = call("POST", "/deliveries/resend", bulk, OPS);
        assertThat(dry.status()).as(dry.body().toString()).isEqualTo(200);
        assertThat(dry.body().path("matching").asInt()).isEqualTo(2);
        assertThat(dry.body().path("resent").asInt()).isZero();
        assertThat(call("POST", "/deliveries/resend", bulk.replace("\"receiver\":\"01AB\"",
                "\"endpoint\":\"0000000700001AB00001\""), OPS).body().path("matching").asInt()).isEqualTo(2);
        assertThat(call("POST", "/deliveries/resend", bulk.replace("\"receiver\":\"01AB\"",
                "\"endpoint\":\"0000000700002CD00001\""), OPS).body().path("matching").asInt()).isZero();
        assertThat(call("POST", "/deliveries/resend", "{\"reason\":\"x\",\"sender\":\"00YY\",\"limit\":0}", OPS)
                .body().path("field").asText()).isEqualTo("limit");
        assertThat(call("POST", "/deliveries/resend", "{\"sender\":\"00YY\"}", OPS).body().path("field").asText())
                .isEqualTo("reason");
        assertThat(call("POST", "/deliveries/resend", "{\"reason\":\"x\",\"senders\":\"00YY\"}", OPS)
                .body().path("field").asText()).isEqualTo("senders");
        Answer resent = call("POST", "/deliveries/resend", bulk.replace("true", "false"), OPS);
        assertThat(resent.body().path("resent").asInt()).isEqualTo(2);
        assertThat(call("POST", "/deliveries/resend", bulk.replace("true", "false"), OPS).body().path("resent").asInt())
                .isZero();
        for (String id : new String[] {fromYY, other}) {
            long pk = queries.findPk("00YY", id).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> queries.status(pk).orElseThrow().state() == DeliveryState.DELIVERED);
            assertThat(queries.status(pk).orElseThrow().events()).anyMatch(e -> e.type().equals("RESENT")
                    && "receiver fixed".equals(e.detail()));
        }
        assertThat(queries.status(queries.findPk("02CD", shared).orElseThrow()).orElseThrow().state())
                .isEqualTo(DeliveryState.FAILED);
    }

    private static String send(String messageId, String senderBrin) throws Exception {
        // the dossier names its sending school, which must be the request's
        String dossier = java.nio.file.Files.readString(DEMO).replace("<brincode>00YY</brincode>",
                "<brincode>" + senderBrin + "</brincode>");
        var request = GatewayClient.request(messageId, senderBrin, "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                GatewayClient.dossier(dossier.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(new GatewayClient(gateway.soapUrl()).deliver(request).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        return messageId;
    }
}
