package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.MockLas;
import org.osogateway.store.Store;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * A real gateway: liveness and readiness on the ops port, the oso_ metrics at /observe/metrics after an accepted
 * and a refused dossier, and readiness 503 naming the store once the store is gone.
 */
class HealthAndMetricsContractTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void metricsCountTheFlowAndReadinessFollowsTheStore(@TempDir Path dir) throws Exception {
        try (MockLas las = new MockLas(0).start();
             TestGateway gateway = TestGateway.start(dir, las.endpoint().toString(), new Properties())) {
            assertThat(get(gateway.opsUrl() + "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(gateway.opsUrl() + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).path("checks").toString())
                    .isEqualTo("{\"store\":\"UP\",\"dossierSchemaCatalog\":\"READY\"}");

            GatewayClient client = new GatewayClient(gateway.soapUrl());
            assertThat(client.deliver(GatewayClient.request("metrics-ok-1", "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                    DeliverDossierContractTest.DEMO)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
            expectFault(FaultCode.SCHEMA_VIOLATION, () -> client.deliver(GatewayClient.request("metrics-bad-1", "01AB",
                    Overdrachtsoort.OVERSTAPDOSSIER, DeliverDossierContractTest.DEMO_BAD_DATE)));
            await().atMost(Duration.ofSeconds(30)).until(() -> value(metrics(gateway), "oso_deliveries_delivered_total") == 1);

            String m = metrics(gateway);
            assertThat(value(m, "oso_dossiers_accepted_total")).isEqualTo(1);
            assertThat(value(m, "oso_dossiers_refused_total{code=\"SCHEMA_VIOLATION\"}")).isEqualTo(1);
            assertThat(value(m, "oso_dossiers_refused_total{code=\"NO_MANDATE\"}")).isEqualTo(0);
            assertThat(value(m, "oso_deliveries_failed_total")).isEqualTo(0);
            assertThat(value(m, "oso_delivery_retries_total")).isEqualTo(0);
            assertThat(value(m, "oso_accept_latency_seconds_count")).isEqualTo(1);
            assertThat(m).contains("oso_accept_latency_seconds_bucket{le=\"30.0\"} 1");
            assertThat(value(m, "oso_delivery_latency_seconds_count")).isEqualTo(1);
            assertThat(value(m, "oso_dossier_validation_seconds_count{step=\"business_rules\"}")).isEqualTo(1);
            assertThat(value(m, "oso_dossier_validation_seconds_count{step=\"schema\"}")).isEqualTo(2);
            assertThat(m).contains("oso_events_total{event=\"REJECTED\",outcome=\"SCHEMA_VIOLATION\"} 1.0");
            // the gauges are read from the store every 5 s: the delivered dossier leaves nothing waiting
            await().atMost(Duration.ofSeconds(15)).until(() -> metrics(gateway).contains("oso_jobs_waiting{state=\"FAILED\"} 0.0"));
            assertThat(metrics(gateway)).doesNotContain("metrics-ok-1").doesNotContain("00YY");

            gateway.bean("store", Store.class).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(gateway.opsUrl() + "/health/ready").statusCode() == 503);
            JsonNode down = JSON.readTree(get(gateway.opsUrl() + "/health/ready").body());
            assertThat(down.path("ready").asBoolean()).isFalse();
            assertThat(down.at("/checks/store").asText()).isEqualTo("DOWN");
            assertThat(down.at("/checks/dossierSchemaCatalog").asText()).isEqualTo("READY");
            HttpResponse<String> health = get(gateway.opsUrl() + "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("DOWN");
            assertThat(get(gateway.opsUrl() + "/health/live").statusCode()).as("the process still runs").isEqualTo(200);
        }
    }

    /** The value of one series (name with its labels as Prometheus writes them); -1 when absent. */
    private static long value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(scrape);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static String metrics(TestGateway gateway) throws Exception {
        String port = gateway.context().getPropertiesComponent().resolveProperty("gateway.metrics.port").orElseThrow();
        return get("http://127.0.0.1:" + port + "/observe/metrics").body();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
