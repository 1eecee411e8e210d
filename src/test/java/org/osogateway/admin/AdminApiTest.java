package org.osogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.audit.AuditTrail;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.JdbcRegistryStore;
import org.osogateway.registry.RegistryRejectedException;
import org.osogateway.registry.RegistryService;
import org.osogateway.store.Store;
import org.osogateway.support.TestGateway;
import java.util.EnumSet;

/** The admin API through a real gateway: rules and statuses, the OSR order, ending, audit. */
class AdminApiTest {
    private static final String TOKEN = "test-admin-token";
    private static final String READER = "test-reader-token";
    private static final String DEMO = "urn:oso-gateway:demo:dossier:v1";
    private static final String SUPPLIER = "00000003000000000099";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.admin.tokens", AdminTokens.entry("alice", EnumSet.of(AdminTokens.Role.REGISTRY,
                AdminTokens.Role.DELIVERIES), TOKEN) + ";" + AdminTokens.entry("reader", EnumSet.of(AdminTokens.Role.READ), READER));
        gateway = TestGateway.start(tmp.resolve("gw"), "http://localhost:8089/las/oso/v1", p);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    record Answer(int status, JsonNode body) {
        String message() {
            return body.path("message").asText();
        }
    }

    static Answer call(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.adminUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    static Answer call(String method, String path) throws Exception {
        return call(method, path, null);
    }

    static Answer call(String method, String path, String json) throws Exception {
        return call(method, path, json, TOKEN);
    }

    @Test
    void deliveriesAndTheWholeRegistryForTheOperatorCli() throws Exception {
        assertThat(call("GET", "/deliveries", null).body().isArray()).isTrue();
        Answer badState = call("GET", "/deliveries?state=LOST");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body().path("field").asText()).isEqualTo("state");
        assertThat(call("GET", "/deliveries?limit=0").status()).isEqualTo(400);
        assertThat(call("GET", "/deliveries?since=yesterday", null).body().path("field").asText()).isEqualTo("since");
        Answer unknown = call("GET", "/deliveries/987654");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("no message with id 987654");
        assertThat(call("POST", "/deliveries/987654/resend", "{}").body().path("field").asText()).isEqualTo("reason");
        assertThat(call("POST", "/deliveries/987654/resend", "{\"reason\":\"test\"}").status()).isEqualTo(409);
        assertThat(call("GET", "/deliveries", null, null).status()).isEqualTo(401);

        HttpResponse<String> export = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl() + "/registry"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(export.body()).contains("boards:").contains("endpoints:");
        HttpResponse<String> same = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl() + "/registry?dryRun=true"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(export.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(same.body()).path("changes").size()).isZero();
        assertThat(JSON.readTree(same.body()).path("dryRun").asBoolean()).isTrue();
        HttpResponse<String> broken = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl() + "/registry"))
                .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("boards: [oops"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(400);
    }

    @Test
    void withoutOrWithWrongTokenEveryCallIs401() throws Exception {
        assertThat(call("GET", "/schools", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/schools", null, "wrong").status()).isEqualTo(401);
        assertThat(call("POST", "/boards", "{\"id\":\"B-X\",\"name\":\"X\"}", "wrong").status()).isEqualTo(401);
        Answer ok = call("GET", "/schools/00YY");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("brin").asText()).isEqualTo("00YY");
    }

    @Test
    void aTokenWithoutTheRoleGets403NamingIt() throws Exception {
        assertThat(call("GET", "/schools/00YY", null, READER).status()).isEqualTo(200);
        Answer change = call("POST", "/boards", "{\"id\":\"B-R\",\"name\":\"R\"}", READER);
        assertThat(change.status()).isEqualTo(403);
        assertThat(change.message()).isEqualTo("token 'reader' lacks the role 'registry' this call needs");
        Answer resend = call("POST", "/deliveries/1/resend", "{\"reason\":\"x\"}", READER);
        assertThat(resend.status()).isEqualTo(403);
        assertThat(resend.message()).isEqualTo("token 'reader' lacks the role 'deliveries' this call needs");
    }

    @Test
    void anUnknownMessageIdIs404() throws Exception {
        Answer unknown = call("GET", "/deliveries/7f0c2a7e-0000-4000-8000-000000000001?senderBrin=00YY", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("no message with id 7f0c2a7e-0000-4000-8000-000000000001");
    }

    @Test
    void withoutAConfiguredTokenTheApiRefusesEverything() throws Exception {
        Properties p = new Properties();
        try (TestGateway noToken = TestGateway.start(tmp.resolve("gw-no-token"), "http://localhost:8089/las/oso/v1", p)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(noToken.adminUrl() + "/schools"))
                    .header("Authorization", "Bearer ").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("the admin API is disabled until gateway.admin.tokens is set");
        }
    }

    @Test
    void theSoapPortHasNoAdminFunctions() throws Exception {
        String soapBase = gateway.soapUrl().replace("/ws/oso/v1", "");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(soapBase + "/admin/schools"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isNotEqualTo(200);
        assertThat(gateway.adminUrl()).doesNotContain(":" + gateway.port() + "/");
    }

    @Test
    void healthNeedsNoTokenAndReportsTheStore() throws Exception {
        String base = gateway.adminUrl().substring(0, gateway.adminUrl().indexOf("/admin"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(r.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("dossierSchemas").toString()).contains("urn:oso-gateway:demo:dossier:v1");
    }

    @Test
    void aBadBrinIs400NamingTheField() throws Exception {
        Answer a = call("POST", "/schools", "{\"brin\":\"0YY\",\"name\":\"X\",\"board\":\"B-VOORBEELD\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("field").asText()).isEqualTo("brin");
        assertThat(a.message()).contains("BRIN '0YY'");
        Answer date = call("POST", "/boards/B-VOORBEELD/agreements", "{\"validFrom\":\"2024-13-01\"}");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.body().path("field").asText()).isEqualTo("validFrom");
        Answer missing = call("POST", "/suppliers", "{\"name\":\"X\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("field").asText()).isEqualTo("oin");
    }

    @Test
    void unknownEntriesAre404AndUnknownReferences409() throws Exception {
        assertThat(call("GET", "/schools/99ZZ").status()).isEqualTo(404);
        assertThat(call("PUT", "/boards/NOPE", "{\"name\":\"x\"}").status()).isEqualTo(404);
        Answer a = call("POST", "/schools", "{\"brin\":\"98ZZ\",\"name\":\"X\",\"board\":\"NOPE\"}");
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.message()).contains("unknown board NOPE");
    }

    @Test
    void anEndpointWithoutMandateIs409NamingTheMissingMandate() throws Exception {
        // 04GH has no mandate at all
        Answer a = call("POST", "/endpoints", endpointJson("0000000700004GH00001", "04GH", "https://las.example/oso"));
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.message()).contains("school 04GH").contains("no mandate of supplier 00000003000000000002")
                .contains("for service version " + DEMO).contains("valid on 2024-01-01").contains("(R4)");
        assertThat(call("GET", "/endpoints/0000000700004GH00001").status()).isEqualTo(404);
    }

    @Test
    void httpUrlsAreRefusedUnlessToLoopbackWithTheDevelopmentSetting() throws Exception {
        // 05JK has a demo mandate of supplier ...02 but no endpoint
        Answer remote = call("POST", "/endpoints", endpointJson("0000000700005JK00001", "05JK", "http://las.example/oso"));
        assertThat(remote.status()).isEqualTo(400);
        assertThat(remote.body().path("field").asText()).isEqualTo("url");
        assertThat(remote.message()).contains("must be https");
        Answer loopback = call("POST", "/endpoints", endpointJson("0000000700005JK00001", "05JK", "http://127.0.0.1:8089/las"));
        assertThat(loopback.status()).isEqualTo(201);

        // with the development setting off, plain http is refused even to loopback
        RegistryService strict = new RegistryService(gateway.bean("registryStore", JdbcRegistryStore.class), null,
                new AuditTrail(), false, Clock.systemUTC());
        assertThatThrownBy(() -> strict.createEndpoint("t", new Endpoint("0000000700005JK00002", "05JK", null,
                "00000003000000000002", DEMO, "http://localhost:8089/las", LocalDate.of(2024, 1, 1), null)))
                .isInstanceOf(RegistryRejectedException.class).hasMessageContaining("gateway.admin.allow-http-loopback");
    }

    @Test
    void connectingANewSchoolInOsrOrderThenEndingItsMandate() throws Exception {
        assertThat(call("POST", "/boards", "{\"id\":\"B-NIEUW\",\"name\":\"Stichting Nieuw\"}").status()).isEqualTo(201);
        assertThat(call("POST", "/boards/B-NIEUW/agreements", "{\"validFrom\":\"2024-01-01\"}").status()).isEqualTo(201);
        assertThat(call("POST", "/schools", "{\"brin\":\"10NW\",\"name\":\"Nieuwe School\",\"board\":\"B-NIEUW\","
                + "\"vestigingen\":[\"00\"]}").status()).isEqualTo(201);
        assertThat(call("POST", "/suppliers", "{\"oin\":\"" + SUPPLIER + "\",\"name\":\"Nieuwe LAS B.V.\"}").status())
                .isEqualTo(201);
        assertThat(connection("10NW").path("connected").asBoolean()).isFalse();
        assertThat(connection("10NW").path("reasons").toString()).contains("NO_MANDATE");
        String mandate = "{\"brin\":\"10NW\",\"supplier\":\"" + SUPPLIER + "\",\"serviceVersion\":\"" + DEMO
                + "\",\"validFrom\":\"2024-01-01\"}";
        assertThat(call("POST", "/mandates", mandate).status()).isEqualTo(201);
        assertThat(connection("10NW").path("reasons").toString()).contains("NO_ENDPOINT");
        Answer ep = call("POST", "/endpoints", "{\"routeringskenmerk\":\"0000000700010NW00001\",\"brin\":\"10NW\","
                + "\"supplier\":\"" + SUPPLIER + "\",\"serviceVersion\":\"" + DEMO
                + "\",\"url\":\"https://las.example/oso\",\"validFrom\":\"2024-01-01\"}");
        assertThat(ep.status()).isEqualTo(201);

        JsonNode report = connection("10NW");
        assertThat(report.path("connected").asBoolean()).isTrue();
        assertThat(report.path("endpoints").get(0).path("routeringskenmerk").asText()).isEqualTo("0000000700010NW00001");
        assertThat(report.path("endpoints").toString()).doesNotContain("las.example"); // URLs stay out, like CheckConnection
        // the routing snapshot saw it at once: the next delivery attempt would resolve it
        assertThat(gateway.bean("routingRegistry", org.osogateway.registry.RoutingRegistry.class)
                .resolveReceiver("10NW", null, null, DEMO, LocalDate.now()).routeringskenmerk())
                .isEqualTo("0000000700010NW00001");
        Answer board = call("GET", "/boards/B-NIEUW/connection");
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body().path("schools").get(0).path("connected").asBoolean()).isTrue();

        // ending the mandate yesterday ends its endpoint's use from then on
        String yesterday = LocalDate.now().minusDays(1).toString();
        Answer end = call("POST", "/mandates/end", mandate.replace("}", ",\"validTo\":\"" + yesterday + "\"}"));
        assertThat(end.status()).isEqualTo(200);
        assertThat(end.body().path("changes").toString()).contains("0000000700010NW00001").contains("ENDED");
        JsonNode after = connection("10NW");
        assertThat(after.path("connected").asBoolean()).isFalse();
        assertThat(after.path("reasons").toString()).contains("NO_MANDATE");
        assertThat(call("GET", "/schools/10NW/connection?date=2024-06-01", null).body().path("connected").asBoolean()).isTrue();
        assertThat(call("GET", "/endpoints/0000000700010NW00001", null).body().path("validTo").asText()).isEqualTo(yesterday);

        // every change is audited: who, when and what
        List<String[]> rows = auditRows();
        // the actor is the token's name: no header can set it
        assertThat(rows).anySatisfy(r -> {
            assertThat(r[0]).isEqualTo("alice");
            assertThat(r[1]).contains("created school 10NW");
        });
        assertThat(rows).anySatisfy(r -> assertThat(r[1]).startsWith("ended mandate 10NW/" + SUPPLIER));
        assertThat(rows).anySatisfy(r -> assertThat(r[1]).startsWith("ended endpoint 0000000700010NW00001"));
        assertThat(rows).allSatisfy(r -> assertThat(r[2]).isNotBlank());
    }

    private static JsonNode connection(String brin) throws Exception {
        Answer a = call("GET", "/schools/" + brin + "/connection");
        assertThat(a.status()).isEqualTo(200);
        return a.body();
    }

    private static String endpointJson(String rk, String brin, String url) {
        return "{\"routeringskenmerk\":\"" + rk + "\",\"brin\":\"" + brin + "\",\"supplier\":\"00000003000000000002\","
                + "\"serviceVersion\":\"" + DEMO + "\",\"url\":\"" + url + "\",\"validFrom\":\"2024-01-01\"}";
    }

    private static List<String[]> auditRows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        Store store = gateway.bean("store", Store.class);
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT actor, detail, at FROM audit_event WHERE event_type = 'REGISTRY_CHANGED' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return rows;
    }
}
