package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.osogateway.mock.MockLas;
import org.osogateway.store.AcceptanceStore;
import org.osogateway.store.NewDossier;
import org.osogateway.support.TestGateway;

/**
 * A receiver back after a holiday with a backlog must not starve one with a few dossiers waiting, and its backlog
 * drains at its endpoint's rate: a real gateway whose store already holds 600 due jobs for school 01AB and 10 for
 * school 02CD (as left by another instance), each school with its own endpoint.
 */
class FairDeliveryContractTest {
    private static final String DEMO_NS = "urn:oso-gateway:demo:dossier:v1";

    @Test
    void aSmallQueueIsServedAlongsideABacklogThatDrainsAtItsRate() throws Exception {
        Path work = Files.createTempDirectory("oso-fair");
        try (MockLas las = new MockLas(0).start()) {
            Properties p = new Properties();
            p.setProperty("gateway.delivery.endpoint.max-rate-per-second", "40");
            p.setProperty("gateway.delivery.poll-interval-ms", "200");
            try (TestGateway gateway = TestGateway.start(work, las.endpoint().toString(), p)) {
                AcceptanceStore acceptances = gateway.bean("acceptanceStore", AcceptanceStore.class);
                // accepted by an instance that died at once: its reservations ran out, so the poll finds them all due
                Instant past = Instant.now().minusSeconds(600);
                List<String> backlog = IntStream.range(0, 600).mapToObj(i -> "fair-big-" + i).toList();
                List<String> small = IntStream.range(0, 10).mapToObj(i -> "fair-small-" + i).toList();
                for (String id : backlog) {
                    acceptances.accept(dossier(id, "01AB", "0000000700001AB00001"), past, "gone", past);
                }
                for (String id : small) {
                    acceptances.accept(dossier(id, "02CD", "0000000700002CD00001"), past.plusSeconds(1), "gone", past);
                }

                await().atMost(Duration.ofSeconds(30)).until(() -> small.stream().allMatch(id -> las.countFor(id) == 1));
                long bigDone = backlog.stream().filter(id -> las.countFor(id) > 0).count();
                // though queued behind 600 older jobs, the ten went out while most of the backlog still waited
                assertThat(bigDone).isLessThan(400);

                Instant start = Instant.now();
                long before = backlog.stream().filter(id -> las.countFor(id) > 0).count();
                Thread.sleep(2000);
                long after = backlog.stream().filter(id -> las.countFor(id) > 0).count();
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                // 40 per second, in tenths of a second: never more than that (plus one refresh period)
                assertThat((after - before) / seconds).isLessThanOrEqualTo(40 * 1.25);

                await().atMost(Duration.ofSeconds(60)).until(() -> backlog.stream().allMatch(id -> las.countFor(id) == 1));
            }
        }
    }

    private static NewDossier dossier(String messageId, String receiverBrin, String routeringskenmerk) throws Exception {
        byte[] bytes = ("<dossier xmlns=\"" + DEMO_NS + "\"><id>" + messageId + "</id></dossier>")
                .getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new NewDossier(messageId, "00YY", "00", null, null, receiverBrin, null, null, routeringskenmerk,
                "overstapdossier", DEMO_NS, sha, bytes, "schema " + DEMO_NS, "routeringskenmerk " + routeringskenmerk,
                "corr-" + messageId);
    }
}
