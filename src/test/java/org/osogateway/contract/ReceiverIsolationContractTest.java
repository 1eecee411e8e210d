package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osogateway.mock.MockLas;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.CircuitView;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.HangingReceiver;
import org.osogateway.support.TestGateway;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.Overdrachtsoort;

/**
 * One receiver that accepts connections and never answers must not hold up the others: a real gateway, a healthy
 * mock LAS for school 02CD and a hanging one for 01AB. Covers the per-endpoint bulkhead, the circuit breaker that
 * parks the hanging school's jobs (visible in /health, the metrics and the store), and the probe that ends it.
 */
class ReceiverIsolationContractTest {
    private static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    private static final String HANGING_RK = "0000000700001AB00001";
    private static final String HEALTHY_RK = "0000000700002CD00001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHangingReceiverHoldsOnlyItsShareAndIsParkedUntilItsProbeAnswers() throws Exception {
        Path work = Files.createTempDirectory("oso-isolation");
        HangingReceiver hanging = HangingReceiver.silent();
        int hangingPort = hanging.port();
        try (MockLas healthy = new MockLas(0).start()) {
            String yaml = Files.readString(Path.of("config/registry-example.yaml"));
            yaml = Pattern.compile("(\"" + HANGING_RK + "\".*?url: \")http://localhost:8089/las/oso/v1", Pattern.DOTALL)
                    .matcher(yaml).replaceFirst("$1" + hanging.url("http"));
            Files.writeString(work.resolve("registry.yaml"), yaml.replace("http://localhost:8089/las/oso/v1",
                    healthy.endpoint().toString()));
            Properties p = new Properties();
            p.setProperty("gateway.delivery.response-timeout-ms", "1500");
            p.setProperty("gateway.delivery.endpoint.max-in-flight", "2");
            p.setProperty("gateway.delivery.endpoint.circuit.failure-threshold", "3");
            p.setProperty("gateway.delivery.endpoint.circuit.open-wait", "PT4S");
            p.setProperty("gateway.delivery.endpoint.circuit.max-open-wait", "PT4S");
            try (TestGateway gateway = TestGateway.start(work, "unused", p)) {
                GatewayClient client = new GatewayClient(gateway.soapUrl());
                DeliveryQueries queries = gateway.bean("deliveryQueries", DeliveryQueries.class);
                List<String> toHanging = new ArrayList<>();
                List<String> toHealthy = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String a = "iso-hang-" + UUID.randomUUID();
                    String b = "iso-ok-" + UUID.randomUUID();
                    assertThat(client.deliver(GatewayClient.request(a, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO))
                            .getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
                    assertThat(client.deliver(GatewayClient.request(b, "02CD", Overdrachtsoort.OVERSTAPDOSSIER, DEMO))
                            .getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
                    toHanging.add(a);
                    toHealthy.add(b);
                }

                // the healthy school gets all its dossiers, while the hanging one holds its two slots
                await().atMost(Duration.ofSeconds(20)).until(() -> toHealthy.stream().allMatch(id -> healthy.countFor(id) == 1));
                assertThat(hanging.maxOpen()).isLessThanOrEqualTo(2);

                // three timeouts in a row: the circuit opens and the rest wait without a connection
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    for (String id : toHanging) {
                        DeliveryStatus s = status(queries, id);
                        assertThat(s.state()).isEqualTo(DeliveryState.RETRY_WAIT);
                        assertThat(s.lastErrorCode()).isEqualTo("RECEIVER_CIRCUIT_OPEN");
                        assertThat(s.events()).extracting(DeliveryStatus.Event::type).contains("PARKED");
                    }
                });
                int connectionsWhenOpen = hanging.accepted();
                assertThat(connectionsWhenOpen).isBetween(3, 4); // the third failure opens it; one more may be under way
                DeliveryStatus parked = status(queries, toHanging.get(9));
                assertThat(parked.lastErrorMessage()).contains(HANGING_RK).contains("next probe at");

                JsonNode health = JSON.readTree(get(gateway.opsUrl() + "/health").body());
                assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
                assertThat(health.at("/delivery/circuitsNotClosed").toString()).isEqualTo("[\"" + HANGING_RK + "\"]");
                String metrics = get("http://127.0.0.1:" + gateway.context().getPropertiesComponent()
                        .resolveProperty("gateway.metrics.port").orElseThrow() + "/observe/metrics").body();
                assertThat(metrics).containsPattern("oso_delivery_circuit_state\\{[^}]*routeringskenmerk=\"" + HANGING_RK
                        + "\"[^}]*} 2\\.0").containsPattern("oso_delivery_circuit_state\\{[^}]*routeringskenmerk=\""
                        + HEALTHY_RK + "\"[^}]*} 0\\.0");
                assertThat(gateway.bean("circuitStates", CircuitStates.class).all()).extracting(CircuitView::routeringskenmerk,
                        CircuitView::state).contains(org.assertj.core.groups.Tuple.tuple(HANGING_RK, "OPEN"));
                assertThat(queries.list(DeliveryState.RETRY_WAIT, "01AB", null, 100)).extracting(DeliveryStatus::circuit)
                        .containsOnly("OPEN");
                assertThat(hanging.accepted()).isEqualTo(connectionsWhenOpen);

                // the receiver comes back on the same address: the probe is answered and the parked jobs go
                hanging.close();
                try (MockLas back = new MockLas(hangingPort).start()) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> toHanging.stream().allMatch(id -> back.countFor(id) == 1));
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                            JSON.readTree(get(gateway.opsUrl() + "/health").body()).get("status").asText()).isEqualTo("UP"));
                    for (String id : toHanging) {
                        assertThat(status(queries, id).state()).isEqualTo(DeliveryState.DELIVERED);
                    }
                }
            }
        } finally {
            hanging.close();
        }
    }

    private static DeliveryStatus status(DeliveryQueries queries, String id) throws Exception {
        return queries.status(queries.findPk("00YY", id).orElseThrow()).orElseThrow();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
