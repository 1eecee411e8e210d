package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.delivery.AttemptDeadline;
import org.osogateway.mock.MockLas;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.HangingReceiver;
import org.osogateway.support.TestGateway;

/**
 * The timeouts of one delivery attempt, each against a receiver built to need it: a TLS port that never
 * handshakes (gateway.delivery.tls-handshake-timeout-ms) and one that answers a byte at a time, never finishing
 * (gateway.delivery.attempt-deadline). The per-read response timeout is set far above both, so only the timeout
 * under test can end the attempt when it does.
 */
class DeliveryTimeoutsContractTest {
    private static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");

    @Test
    void aHandshakeThatNeverCompletesAndAnAnswerThatNeverEndsAreCutOffByTheirOwnTimeouts() throws Exception {
        Path work = Files.createTempDirectory("oso-timeouts");
        try (HangingReceiver noHandshake = HangingReceiver.silent();
             HangingReceiver trickle = HangingReceiver.dripping(Duration.ofMillis(300))) {
            String yaml = Files.readString(Path.of("config/registry-example.yaml"));
            yaml = endpoint(yaml, "0000000700001AB00001", noHandshake.url("https"));
            yaml = endpoint(yaml, "0000000700002CD00001", trickle.url("http"));
            Files.writeString(work.resolve("registry.yaml"), yaml);
            Properties p = new Properties();
            p.setProperty("gateway.delivery.tls-handshake-timeout-ms", "1000");
            p.setProperty("gateway.delivery.response-timeout-ms", "30000");
            p.setProperty("gateway.delivery.attempt-deadline", "PT4S");
            p.setProperty("gateway.retry.initial-delay", "PT60S"); // one attempt each in this test
            p.setProperty("gateway.retry.max-delay", "PT60S");
            try (TestGateway gateway = TestGateway.start(work, "unused", p)) {
                GatewayClient client = new GatewayClient(gateway.soapUrl());
                DeliveryQueries queries = gateway.bean("deliveryQueries", DeliveryQueries.class);
                String tls = "to-tls-" + UUID.randomUUID();
                String slow = "to-slow-" + UUID.randomUUID();
                assertThat(client.deliver(GatewayClient.request(tls, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO))
                        .getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
                assertThat(client.deliver(GatewayClient.request(slow, "02CD", Overdrachtsoort.OVERSTAPDOSSIER, DEMO))
                        .getStatus()).isEqualTo(AcceptStatus.ACCEPTED);

                DeliveryStatus handshake = awaitFirstAttempt(queries, tls);
                assertThat(handshake.lastErrorCode()).isEqualTo("RECEIVER_TIMEOUT");
                assertThat(attemptTook(handshake)).isLessThan(Duration.ofSeconds(4)); // not the deadline, not 30 s

                DeliveryStatus trickled = awaitFirstAttempt(queries, slow);
                assertThat(trickled.lastErrorCode()).isEqualTo("RECEIVER_TIMEOUT");
                assertThat(trickled.lastErrorMessage()).contains("attempt deadline of PT4S");
                assertThat(attemptTook(trickled)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
                await().atMost(Duration.ofSeconds(5)).until(() -> trickle.accepted() == 1 && trickle.maxOpen() == 1);
            }
        }
    }

    @Test
    void anAnsweredAttemptDisarmsItsDeadlineAtOnce() throws Exception {
        // an armed deadline keeps its attempt's connection (and used to keep the request with the dossier) until it
        // fires: at 90 s and tens of deliveries a second that was most of the heap
        try (MockLas las = new MockLas(0).start()) {
            try (TestGateway gateway = TestGateway.start(Files.createTempDirectory("oso-disarm"), las.endpoint().toString(),
                    new Properties())) {
                GatewayClient client = new GatewayClient(gateway.soapUrl());
                AttemptDeadline deadline = gateway.bean("attemptDeadline", AttemptDeadline.class);
                for (int i = 0; i < 3; i++) {
                    assertThat(client.deliver(GatewayClient.request("disarm-" + UUID.randomUUID(), "01AB",
                            Overdrachtsoort.OVERSTAPDOSSIER, DEMO)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> las.totalDelivered() == 3);
                await().atMost(Duration.ofSeconds(2)).until(() -> deadline.armed() == 0);
            }
        }
    }

    @Test
    void aLeaseShorterThanTheAttemptDeadlineRefusesTheStart() {
        Properties p = new Properties();
        p.setProperty("gateway.delivery.lease", "PT60S");
        p.setProperty("gateway.delivery.attempt-deadline", "PT90S");
        assertThatThrownBy(() -> TestGateway.start(Files.createTempDirectory("oso-lease"), "http://127.0.0.1:1/las", p))
                .hasStackTraceContaining("gateway.delivery.lease (PT1M) must be at least 10 s longer than "
                        + "gateway.delivery.attempt-deadline (PT1M30S)");
    }

    private static String endpoint(String yaml, String routeringskenmerk, String url) {
        return Pattern.compile("(\"" + routeringskenmerk + "\".*?url: \")[^\"]*", Pattern.DOTALL).matcher(yaml)
                .replaceFirst("$1" + url);
    }

    private static DeliveryStatus awaitFirstAttempt(DeliveryQueries queries, String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> queries.status(queries.findPk("00YY", id).orElseThrow())
                .orElseThrow(), s -> s.events().stream().anyMatch(e -> e.type().equals("ATTEMPT")));
    }

    /** From acceptance to the end of the first attempt (no pupil data: the audit's own timestamps). */
    private static Duration attemptTook(DeliveryStatus s) {
        Instant received = s.events().stream().filter(e -> e.type().equals("RECEIVED")).findFirst().orElseThrow().at();
        Instant attempt = s.events().stream().filter(e -> e.type().equals("ATTEMPT")).findFirst().orElseThrow().at();
        return Duration.between(received, attempt);
    }
}
