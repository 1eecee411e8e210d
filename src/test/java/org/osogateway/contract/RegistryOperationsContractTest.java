package org.osogateway.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.DeliveryState;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.GetDeliveryStatusResponse;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * Registry operations end to end: a school connected through the admin API receives dossiers and
 * stops receiving them when its mandate ends (also for a dossier waiting for its retry); and the
 * gateway routes from an OSR-style remote registry when configured to.
 */
class RegistryOperationsContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    static final String DEMO_NS = "urn:oso-gateway:demo:dossier:v1";
    static final String TOKEN = "test-token";
    static final String SUPPLIER = "00000003000000000099";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aSchoolConnectedThroughTheAdminApiReceivesDossiersUntilItsMandateEnds() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.admin.tokens", org.osogateway.admin.AdminTokens.entry("contract", java.util.EnumSet.allOf(org.osogateway.admin.AdminTokens.Role.class), TOKEN));
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(tmp, las.endpoint().toString(), p)) {
            GatewayClient client = new GatewayClient(gw.soapUrl());
            String mandate = "{\"brin\":\"10NW\",\"supplier\":\"" + SUPPLIER + "\",\"serviceVersion\":\"" + DEMO_NS
                    + "\",\"validFrom\":\"2024-01-01\"}";
            admin(gw, "POST", "/boards", "{\"id\":\"B-NIEUW\",\"name\":\"Stichting Nieuw\"}", 201);
            admin(gw, "POST", "/boards/B-NIEUW/agreements", "{\"validFrom\":\"2024-01-01\"}", 201);
            admin(gw, "POST", "/schools", "{\"brin\":\"10NW\",\"name\":\"Nieuwe School\",\"board\":\"B-NIEUW\"}", 201);
            admin(gw, "POST", "/suppliers", "{\"oin\":\"" + SUPPLIER + "\",\"name\":\"Nieuwe LAS B.V.\"}", 201);
            admin(gw, "POST", "/mandates", mandate, 201);
            admin(gw, "POST", "/endpoints", "{\"routeringskenmerk\":\"0000000700010NW00001\",\"brin\":\"10NW\",\"supplier\":\""
                    + SUPPLIER + "\",\"serviceVersion\":\"" + DEMO_NS + "\",\"url\":\"" + las.endpoint()
                    + "\",\"validFrom\":\"2024-01-01\"}", 201);

            String first = "ops-" + UUID.randomUUID();
            client.deliver(GatewayClient.request(first, "10NW", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
            await().atMost(Duration.ofSeconds(20)).until(() -> status(client, first).getState() == DeliveryState.DELIVERED);
            assertThat(las.countFor(first)).isEqualTo(1);

            // a dossier that waits for its retry when the mandate ends fails at its next attempt
            las.always(FailureMode.httpStatus(503));
            String waiting = "ops-" + UUID.randomUUID();
            client.deliver(GatewayClient.request(waiting, "10NW", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
            await().atMost(Duration.ofSeconds(20)).until(() -> status(client, waiting).getState() == DeliveryState.RETRY_WAIT);
            String yesterday = LocalDate.now().minusDays(1).toString();
            admin(gw, "POST", "/mandates/end", mandate.replace("}", ",\"validTo\":\"" + yesterday + "\"}"), 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(client, waiting).getState() == DeliveryState.FAILED);
            assertThat(status(client, waiting).getLastError().getCode()).isEqualTo("NO_MANDATE");

            // and new dossiers are refused at intake
            expectFault(FaultCode.NO_MANDATE, () -> client.deliver(
                    GatewayClient.request("ops-" + UUID.randomUUID(), "10NW", Overdrachtsoort.OVERSTAPDOSSIER, DEMO)));
        }
    }

    @Test
    void routesFromAnOsrStyleRemoteRegistryWhenConfigured() throws Exception {
        WireMockServer osr = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        osr.start();
        try (MockLas las = new MockLas(0).start()) {
            osr.stubFor(get(urlPathEqualTo("/api/v2/mandates")).withQueryParam("school_oin", equalTo("0000000700000YY00000"))
                    .willReturn(okJson(mandate("0000000700000YY00000", "00000003000000000001"))));
            osr.stubFor(get(urlPathEqualTo("/api/v2/mandates")).withQueryParam("school_oin", equalTo("0000000700001AB00000"))
                    .willReturn(okJson(mandate("0000000700001AB00000", "00000003000000000002"))));
            osr.stubFor(get(urlPathEqualTo("/api/v2/endpoints")).withQueryParam("school_oin", equalTo("0000000700001AB00000"))
                    .willReturn(okJson("[{\"routing_id\":\"0000000700001AB77701\",\"school_oin\":\"0000000700001AB00000\","
                            + "\"supplier_oin\":\"00000003000000000002\",\"service_version_namespace\":\"" + DEMO_NS
                            + "\",\"url\":\"" + las.endpoint() + "\",\"valid_from\":\"2024-01-01\"}]")));
            Properties p = new Properties();
            p.setProperty("gateway.registry.source", "remote");
            p.setProperty("gateway.registry.remote.base-url", osr.baseUrl());
            p.setProperty("gateway.admin.tokens", org.osogateway.admin.AdminTokens.entry("contract", java.util.EnumSet.allOf(org.osogateway.admin.AdminTokens.Role.class), TOKEN));
            try (TestGateway gw = TestGateway.start(tmp, "http://unused.invalid/las", p)) {
                GatewayClient client = new GatewayClient(gw.soapUrl());
                String id = "osr-" + UUID.randomUUID();
                client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
                await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getState() == DeliveryState.DELIVERED);
                assertThat(las.lastFor(id).orElseThrow().receiverBrin()).isEqualTo("01AB");
                int endpointCalls = osr.findAll(getRequestedFor(urlPathEqualTo("/api/v2/endpoints"))).size();

                String again = "osr-" + UUID.randomUUID();
                client.deliver(GatewayClient.request(again, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
                await().atMost(Duration.ofSeconds(20)).until(() -> status(client, again).getState() == DeliveryState.DELIVERED);
                // within the TTL the OSR is not asked again
                assertThat(osr.findAll(getRequestedFor(urlPathEqualTo("/api/v2/endpoints")))).hasSize(endpointCalls);

                // the admin API's connection report reads the registry that routes: the OSR's one demo mandate and
                // endpoint, no board (the local registry would name B-VOORBEELD and three mandates)
                HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(URI.create(gw.adminUrl()
                        + "/schools/01AB/connection")).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(report.statusCode()).isEqualTo(200);
                JsonNode connection = new ObjectMapper().readTree(report.body());
                assertThat(connection.path("connected").asBoolean()).isTrue();
                assertThat(connection.path("agreement").path("boardId").isNull()).isTrue();
                assertThat(connection.path("mandates")).hasSize(1);
                assertThat(connection.path("endpoints").get(0).path("routeringskenmerk").asText())
                        .isEqualTo("0000000700001AB77701");
            }
        } finally {
            osr.stop();
        }
    }

    private static String mandate(String schoolOin, String supplier) {
        return "[{\"supplier_oin\":\"" + supplier + "\",\"school_oin\":\"" + schoolOin + "\",\"service_version_namespace\":\""
                + DEMO_NS + "\",\"valid_from\":\"2024-01-01\"}]";
    }

    private static void admin(TestGateway gw, String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gw.adminUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    }

    private static GetDeliveryStatusResponse status(GatewayClient client, String id) throws Exception {
        GetDeliveryStatusRequest q = new GetDeliveryStatusRequest();
        q.setMessageId(id);
        q.setSenderBrin("00YY");
        return client.port().getDeliveryStatus(q);
    }
}
