package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 between H2 marking a commit in its undo log and clearing that log leaves a transaction that H2 reopens
 * as COMMITTED and never finishes: its rows are invisible and a writer touching them spins. The store finishes it.
 */
class CutCommitRecoveryTest {
    private static final String PASSWORD = "cut-commit-test";

    @TempDir
    Path dir;
    @TempDir
    Path plainCopy;

    @Test
    void aCommitCutByAKillIsFinishedAtTheNextOpen() throws Exception {
        StoreSettings settings = new StoreSettings(StoreTestSupport.url(dir), "sa", PASSWORD, 2, true);
        try (Store store = Store.open(settings)) {
            assertThat(StoreTestSupport.count(store, "SELECT COUNT(*) FROM audit_event")).isZero();
        }
        cutACommitAndStopLikeAKill(StoreTestSupport.url(dir));
        Files.copy(dir.resolve("db.mv.db"), plainCopy.resolve("db.mv.db"));

        // plain H2 on a copy: the committed row is invisible and its transaction stays open as COMMITTED
        try (Connection c = DriverManager.getConnection(StoreTestSupport.url(plainCopy), "sa", PASSWORD)) {
            assertThat(cutRows(c)).isZero();
            assertThat(committedLeftovers(c)).isEqualTo(1);
        }

        try (Store store = Store.open(settings); Connection c = store.dataSource().getConnection()) {
            assertThat(committedLeftovers(c)).isZero();
            assertThat(cutRows(c)).isEqualTo(1);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE audit_event SET detail = 'updated' WHERE event_type = 'CUT'"))
                            .isEqualTo(1);
                }
            });
        }
        try (Store again = Store.open(settings); Connection c = again.dataSource().getConnection()) {
            assertThat(cutRows(c)).isEqualTo(1);
            assertThat(StoreTestSupport.count(again, "SELECT COUNT(*) FROM audit_event WHERE detail = 'updated'"))
                    .isEqualTo(1);
        }
    }

    /** A child JVM takes a commit as far as H2's committed marker, on disk, and halts. */
    private static void cutACommitAndStopLikeAKill(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CutCommitThenHalt.class.getName(), url, PASSWORD).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child exits").isTrue();
        assertThat(output).contains("CUT");
    }

    private static long cutRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM audit_event WHERE event_type = 'CUT'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long committedLeftovers(Connection c) throws SQLException {
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getTransactionStore().getOpenTransactions().stream()
                .filter(t -> t.getStatus() == Transaction.STATUS_COMMITTED).count();
    }
}
