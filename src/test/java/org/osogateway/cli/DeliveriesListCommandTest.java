package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.audit.AuditTrail;
import org.osogateway.store.AcceptanceStore;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.NewDossier;
import org.osogateway.store.PayloadCipher;
import org.osogateway.store.Store;
import org.osogateway.store.StoreSettings;

/** {@code deliveries list} on the store itself (no gateway running) shows each job's endpoint and its circuit. */
class DeliveriesListCommandTest {
    static final String RK = "0000000700001AB00001";

    @TempDir
    Path tmp;

    @Test
    void listShowsTheEndpointAndTheWorstCircuitOfEachJob() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Instant now = Instant.parse("2026-01-05T09:00:00Z");
        try (Store store = Store.open(new StoreSettings(url, "sa", "", 2, true))) {
            AcceptanceStore acceptances = new AcceptanceStore(store, new AuditTrail(), PayloadCipher.NONE);
            acceptances.accept(dossier("list-routed", RK), now, "gw-1", now);
            acceptances.accept(dossier("list-old", null), now.plusSeconds(1), "gw-1", now);
            new CircuitStates(store).record(RK, "gw-1", CircuitStates.HALF_OPEN, null, Instant.now());
        }
        Path config = tmp.resolve("cli.properties");
        Files.writeString(config, "gateway.store.url = " + url + "\n");

        CliRun list = CliRun.withSystemStreams("deliveries", "list", "--config", config.toString());

        assertThat(list.exit()).as(list.err()).isZero();
        // stdout of a direct store run starts with the store's own start-up lines (Flyway): the table follows
        var lines = list.out().lines().dropWhile(l -> !l.startsWith("ID ")).toList();
        assertThat(lines.get(0)).contains(" ENDPOINT ").contains(" CIRCUIT ").contains("LAST-ERROR");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("list-old").containsPattern(" - +- ");
        assertThat(lines.get(2)).contains("list-routed").containsPattern(" " + RK + " +HALF_OPEN ");
    }

    private static NewDossier dossier(String messageId, String endpointKey) {
        byte[] bytes = ("<dossier xmlns=\"urn:x\"><id>" + messageId + "</id></dossier>").getBytes(StandardCharsets.UTF_8);
        return new NewDossier(messageId, "00YY", "00", null, null, "01AB", null, null, endpointKey, "overstapdossier",
                "urn:x", "0".repeat(64), bytes, "schema urn:x", "routeringskenmerk " + endpointKey, "corr-" + messageId);
    }
}
