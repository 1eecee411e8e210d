package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.admin.AdminTokens;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.DeliveryState;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * {@code deliveries resend-failed} and {@code deliveries purge}: through the running gateway's admin API, and on the
 * store directly once it has stopped; the bulk re-send reports its progress per batch.
 */
class DeliveriesBulkCommandTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");

    @TempDir
    Path tmp;

    @Test
    void purgeAndBulkResendThroughTheGatewayAndOnTheStore() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.admin.tokens", AdminTokens.entry("ops", EnumSet.of(AdminTokens.Role.DELIVERIES), "ops-secret"));
        Path workDir = tmp.resolve("gw");
        List<String> ids = new ArrayList<>();
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(workDir, las.endpoint().toString(), p)) {
            las.always(FailureMode.httpStatus(400));
            GatewayClient client = new GatewayClient(gw.soapUrl());
            DeliveryQueries queries = gw.bean("deliveryQueries", DeliveryQueries.class);
            for (int i = 0; i < 4; i++) {
                String id = "bulk-" + UUID.randomUUID();
                client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
                ids.add(id);
            }
            for (String id : ids) {
                long pk = queries.findPk("00YY", id).orElseThrow();
                await().atMost(Duration.ofSeconds(20)).until(() -> queries.status(pk).orElseThrow().state() == DeliveryState.FAILED);
            }
            var props = gw.context().getPropertiesComponent();
            Path config = tmp.resolve("admin.properties");
            Files.writeString(config, "gateway.store.url = " + props.resolveProperty("gateway.store.url").orElseThrow() + "\n"
                    + "gateway.admin.port = " + props.resolveProperty("gateway.admin.port").orElseThrow() + "\n"
                    + "gateway.admin.client-token = ops-secret\n");

            CliRun dry = CliRun.withSystemStreams("deliveries", "resend-failed", "--receiver", "01AB", "--reason", "check",
                    "--dry-run", "--config", config.toString());
            assertThat(dry.exit()).as(dry.err()).isZero();
            assertThat(dry.err()).contains("4 FAILED message(s) match (dry run: nothing re-sent)");
            assertThat(dry.out()).contains("0 message(s) re-queued");

            CliRun purge = CliRun.withSystemStreams("deliveries", "purge", ids.get(0), "--reason", "wrong school",
                    "--config", config.toString());
            assertThat(purge.exit()).as(purge.err()).isZero();
            assertThat(purge.out()).contains("message " + ids.get(0) + ": dossier purged");
            CliRun twice = CliRun.withSystemStreams("deliveries", "purge", ids.get(0), "--reason", "again",
                    "--config", config.toString());
            assertThat(twice.exit()).isEqualTo(1);
            assertThat(twice.err()).contains("already purged");
        }

        // stopped: the commands work on the store itself, and the purged one is no longer in the dead letter
        Path direct = tmp.resolve("direct.properties");
        Files.writeString(direct, "gateway.store.url = jdbc:h2:file:" + workDir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH\n");
        CliRun bulk = CliRun.withSystemStreams("deliveries", "resend-failed", "--sender", "00YY", "--reason", "fixed",
                "--batch", "2", "--config", direct.toString());
        assertThat(bulk.exit()).as(bulk.err()).isZero();
        assertThat(bulk.err()).contains("3 FAILED message(s) match").contains("re-sent 2 of 3").contains("re-sent 3 of 3");
        assertThat(bulk.out()).contains("3 message(s) re-queued");
        CliRun list = CliRun.withSystemStreams("deliveries", "list", "--state", "ACCEPTED", "--config", direct.toString());
        assertThat(list.out()).contains(ids.get(1)).contains(ids.get(2)).contains(ids.get(3)).doesNotContain(ids.get(0));
        CliRun bySender = CliRun.withSystemStreams("deliveries", "list", "--sender", "00YY", "--config", direct.toString());
        assertThat(bySender.out().lines().count()).isEqualTo(5); // the header and the four messages
        CliRun otherSender = CliRun.withSystemStreams("deliveries", "list", "--sender", "02CD", "--config", direct.toString());
        assertThat(otherSender.out().lines().count()).isEqualTo(1);
        CliRun show = CliRun.withSystemStreams("deliveries", "show", ids.get(1), "--config", direct.toString());
        assertThat(show.out()).contains("RESENT").contains("fixed");
        CliRun badBatch = CliRun.withSystemStreams("deliveries", "resend-failed", "--reason", "x", "--batch", "0",
                "--config", direct.toString());
        assertThat(badBatch.exit()).isEqualTo(2);
        assertThat(badBatch.err()).contains("--batch must be from 1 to 1000");
    }
}
