package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.StoreHeldException;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * While a gateway holds the embedded store, the store commands go through its admin API; a second gateway on
 * the same data folder refuses to start.
 */
class StoreCommandsThroughAdminTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    static final String TOKEN = "cli-test-token";
    /** 01AB's endpoint in the example registry. */
    static final String RK = "0000000700001AB00001";

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.withSystemStreams(args);
    }

    private Path cliConfig(TestGateway gw, String token) throws Exception {
        var props = gw.context().getPropertiesComponent();
        Path config = tmp.resolve("cli-" + UUID.randomUUID() + ".properties");
        Files.writeString(config, "gateway.store.url = " + props.resolveProperty("gateway.store.url").orElseThrow() + "\n"
                + "gateway.admin.port = " + props.resolveProperty("gateway.admin.port").orElseThrow() + "\n"
                + "gateway.admin.client-token = " + token + "\n");
        return config;
    }

    @Test
    void storeCommandsGoThroughTheRunningGatewaysAdminApiAndASecondGatewayIsRefused() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.admin.tokens", org.osogateway.admin.AdminTokens.entry("ops", java.util.EnumSet.of(
                org.osogateway.admin.AdminTokens.Role.REGISTRY, org.osogateway.admin.AdminTokens.Role.DELIVERIES), TOKEN));
        Path workDir = tmp.resolve("gw");
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(workDir, las.endpoint().toString(), p)) {
            las.always(FailureMode.httpStatus(400));
            String id = "cli-" + UUID.randomUUID();
            assertThat(new GatewayClient(gw.soapUrl()).deliver(GatewayClient.request(id, "01AB",
                    Overdrachtsoort.OVERSTAPDOSSIER, DEMO)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
            DeliveryQueries store = gw.bean("deliveryQueries", DeliveryQueries.class);
            long pk = store.findPk("00YY", id).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> store.status(pk).orElseThrow().state() == DeliveryState.FAILED);
            String config = cliConfig(gw, TOKEN).toString();

            // another instance's breaker of 01AB's endpoint is open: the list shows the worst over the instances
            CircuitStates circuits = gw.bean("circuitStates", CircuitStates.class);
            circuits.record(RK, "this-instance", CircuitStates.CLOSED, null, Instant.now());
            circuits.record(RK, "other-instance", CircuitStates.OPEN, Instant.now().plusSeconds(30), Instant.now());

            CliRun list = run("deliveries", "list", "--state", "FAILED", "--config", config);
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.err()).contains("through its admin API at http://127.0.0.1:");
            assertThat(list.out().lines()).first().asString().startsWith("ID ").contains(" ENDPOINT ").contains(" CIRCUIT ");
            assertThat(list.out()).contains(pk + " ").contains(id).contains("RECEIVER_HTTP_400");
            assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).contains(" " + RK + " ").contains(" OPEN ");
            HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(gw.adminUrl() + "/deliveries?state=FAILED")).header("Authorization", "Bearer " + TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode row = AdminClient.JSON.readTree(json.body()).get(0);
            assertThat(row.path("endpoint").asText()).isEqualTo(RK);
            assertThat(row.path("circuit").asText()).isEqualTo("OPEN");
            assertThat(row.has("endpointKey")).isFalse();
            assertThat(list.out().lines().count()).isEqualTo(2); // stdout: the header and the data, no log lines

            CliRun show = run("deliveries", "show", id, "--sender-brin", "00YY", "--config", config);
            assertThat(show.exit()).as(show.err()).isZero();
            assertThat(show.out()).contains("message " + id + " from 00YY to 01AB: FAILED").contains("RECEIVED");
            assertThat(run("deliveries", "show", "999999", "--config", config).exit()).isEqualTo(1);

            las.reset();
            // by messageId, without the sender: only 00YY sent it
            CliRun resend = run("deliveries", "resend", id, "--reason", "receiver fixed", "--config", config);
            assertThat(resend.exit()).as(resend.err()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> store.status(pk).orElseThrow().state() == DeliveryState.DELIVERED);
            assertThat(store.status(pk).orElseThrow().events()).anyMatch(e -> e.type().equals("RESENT")
                    && "receiver fixed".equals(e.detail()));
            CliRun again = run("deliveries", "resend", String.valueOf(pk), "--reason", "twice", "--config", config);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("is not FAILED");

            CliRun export = run("registry", "export", "--config", config);
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(export.out()).contains("brin: \"01AB\"").doesNotContain(" INFO ");
            Path edited = tmp.resolve("edited.yaml");
            Files.writeString(edited, export.out().replace("Demo School Zonder Endpoint", "Hernoemd Via Admin"));
            CliRun imported = run("registry", "import", edited.toString(), "--config", config);
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("changed school ").contains("0 created, 1 changed, 0 ended, 0 removed");
            assertThat(run("registry", "export", "--config", config).out()).contains("Hernoemd Via Admin");
            Path broken = tmp.resolve("broken.yaml");
            Files.writeString(broken, export.out().replace("brin: \"01AB\"", "brin: \"1\""));
            CliRun refused = run("registry", "import", broken.toString(), "--config", config);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("nothing imported");

            CliRun check = run("registry", "check", "01AB", "--config", config);
            assertThat(check.exit()).as(check.err()).isZero();
            assertThat(check.out()).startsWith("01AB ").contains(" connected (");
            CliRun noBoard = run("registry", "check", "--board", "no-such-board", "--config", config);
            assertThat(noBoard.exit()).isEqualTo(1);
            assertThat(noBoard.err()).contains("no board no-such-board");

            CliRun noToken = run("deliveries", "list", "--config", cliConfig(gw, "").toString());
            assertThat(noToken.exit()).isEqualTo(1);
            assertThat(noToken.out()).isEmpty();
            assertThat(noToken.err()).contains("the store in " + workDir.toAbsolutePath().normalize()
                    + " is held by a running gateway").contains("set gateway.admin.client-token").contains("GATEWAY_ADMIN_CLIENT_TOKEN");
            CliRun wrongToken = run("registry", "export", "--config", cliConfig(gw, "wrong").toString());
            assertThat(wrongToken.exit()).isEqualTo(1);
            assertThat(wrongToken.err()).contains("refused gateway.admin.client-token");

            assertThatThrownBy(() -> TestGateway.start(workDir, las.endpoint().toString(), p).close())
                    .isInstanceOf(StoreHeldException.class)
                    .hasMessageContaining("the data folder " + workDir.toAbsolutePath().normalize()
                            + " is held by another running gateway");
        }
        // once it has stopped the commands open the store themselves
        Path config = tmp.resolve("direct.properties");
        Files.writeString(config, "gateway.store.url = jdbc:h2:file:" + workDir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH\n");
        CliRun direct = run("registry", "check", "01AB", "--config", config.toString());
        assertThat(direct.exit()).as(direct.err()).isZero();
        assertThat(direct.err()).doesNotContain("admin API");
    }
}
