package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osogateway.store.StoreTestSupport.count;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.audit.AuditTrail;

/** Verifies that a dossier is on disk once accept() returns with sync-commits on: it survives a hard stop of the JVM. */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void acceptedDossierSurvivesAHaltedProcess() throws Exception {
        Path out = dir.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AcceptThenHalt.class.getName(), dir.toAbsolutePath().toString(), "dur-1")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child exits").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ACCEPTED");

        try (Store store = StoreTestSupport.open(dir)) {
            DeliveryQueries queries = new DeliveryQueries(store);
            long pk = queries.findPk("00YY", "dur-1").orElseThrow();
            assertThat(count(store, "SELECT COUNT(*) FROM dossier_payload WHERE message_pk = ?", pk)).isEqualTo(1);
            assertThat(queries.status(pk).orElseThrow().state()).isEqualTo(DeliveryState.ACCEPTED);
            assertThat(queries.status(pk).orElseThrow().events()).extracting(DeliveryStatus.Event::type)
                    .containsExactly("RECEIVED", "VALIDATED", "ROUTED");
            byte[] expected = StoreTestSupport.dossier("dur-1").canonicalDossier();
            assertThat(new DeliveryJobs(store, new AuditTrail()).claim(pk, "survivor", StoreTestSupport.T0.plusSeconds(61),
                    StoreTestSupport.T0.plusSeconds(181)).orElseThrow().canonicalDossier()).isEqualTo(expected);
        }
    }
}
