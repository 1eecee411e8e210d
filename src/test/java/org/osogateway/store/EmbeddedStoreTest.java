package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 store: one process per data folder, a generated owner-only password, no network port. */
class EmbeddedStoreTest {
    @TempDir
    Path dir;

    private StoreSettings settings() {
        return new StoreSettings(StoreTestSupport.url(dir), "sa", "", 2, false);
    }

    @Test
    void aSecondOpenOfTheSameFolderIsRefusedNamingTheFolder() {
        try (Store first = Store.open(settings())) {
            assertThatThrownBy(() -> Store.open(settings()))
                    .isInstanceOf(StoreHeldException.class)
                    .hasMessageContaining("the data folder " + dir.toAbsolutePath().normalize())
                    .hasMessageContaining("held by another running gateway");
        }
        try (Store again = Store.open(settings())) {
            assertThat(again.dataSource()).isNotNull();
        }
    }

    @Test
    void aSecondProcessIsRefusedAndARestartAfterKillMinus9StartsAtOnce() throws Exception {
        Process holder = holdInChildProcess();
        try {
            assertThatThrownBy(() -> Store.open(settings())).isInstanceOf(StoreHeldException.class)
                    .hasMessageContaining("(pid " + holder.pid() + "; lock file ");
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean close
        }
        long start = System.nanoTime();
        // neither our lock nor H2's own file lock outlives the killed process
        try (Store store = Store.open(settings())) {
            assertThat(StoreTestSupport.count(store, "SELECT COUNT(*) FROM dossier_message")).isZero();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("EmbeddedStoreTest: store reopened " + ms + " ms after kill -9 of its holder");
        assertThat(ms).as("ms to reopen after kill -9").isLessThan(10_000);
    }

    @Test
    void aGeneratedOwnerOnlyPasswordIsCreatedAndUsed() throws Exception {
        try (Store store = Store.open(settings())) {
            assertThat(store.dataSource()).isNotNull();
        }
        Path file = dir.resolve("db.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        assertThatThrownBy(() -> DriverManager.getConnection(StoreTestSupport.url(dir), "sa", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
        try (Connection c = DriverManager.getConnection(StoreTestSupport.url(dir), "sa", password)) {
            assertThat(c.isValid(1)).isTrue();
        }
        // the next start reads the same file
        try (Store again = Store.open(settings())) {
            assertThat(StoreTestSupport.count(again, "SELECT COUNT(*) FROM dossier_message")).isZero();
        }
        assertThat(Files.readString(file).trim()).isEqualTo(password);
    }

    @Test
    void aDatabaseWithTheOldEmptyPasswordIsUpgradedWithoutLoss() throws Exception {
        // as the earlier gateway left it: migrated and holding a message, user sa with an empty password
        org.h2.jdbcx.JdbcDataSource old = new org.h2.jdbcx.JdbcDataSource();
        old.setURL(StoreTestSupport.url(dir));
        old.setUser("sa");
        old.setPassword("");
        Store.flyway(old, true).load().migrate();
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO dossier_message (message_id, sender_brin, receiver_brin, overdrachtsoort, "
                    + "dossier_namespace, dossier_sha256, dossier_size, accepted_at, correlation_id, state, attempts, "
                    + "schedule_started_at, schedule_attempts_before) VALUES ('m-old', '00YY', '01AB', 'overstapdossier', "
                    + "'urn:x', 'ab', 1, CURRENT_TIMESTAMP, 'c', 'FAILED', 1, CURRENT_TIMESTAMP, 0)");
        }
        assertThat(dir.resolve("db.password")).doesNotExist();

        try (Store upgraded = Store.open(settings())) {
            assertThat(StoreTestSupport.string(upgraded, "SELECT message_id FROM dossier_message")).isEqualTo("m-old");
        }
        String password = Files.readString(dir.resolve("db.password")).trim();
        assertThatThrownBy(() -> DriverManager.getConnection(StoreTestSupport.url(dir), "sa", "").close())
                .isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(StoreTestSupport.url(dir), "sa", password)) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(dir.resolve("db.password.new")).doesNotExist();
    }

    @Test
    void anExplicitPasswordIsLeftAlone() throws Exception {
        try (Store store = Store.open(new StoreSettings(StoreTestSupport.url(dir), "sa", "configured-secret", 2, false))) {
            assertThat(store.dataSource()).isNotNull();
        }
        assertThat(dir.resolve("db.password")).doesNotExist();
        DriverManager.getConnection(StoreTestSupport.url(dir), "sa", "configured-secret").close();
    }

    @Test
    void theStoreOpensNoListeningSocketAndAutoServerIsRefused() throws Exception {
        Set<String> before = listeningSocketsOfThisProcess();
        try (Store store = Store.open(settings())) {
            StoreTestSupport.count(store, "SELECT COUNT(*) FROM dossier_message");
            // H2 is closed by the gateway, last, not by its own shutdown hook; it writes each commit at once
            assertThat(((com.zaxxer.hikari.HikariDataSource) store.dataSource()).getJdbcUrl())
                    .endsWith(";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0").doesNotContainIgnoringCase("AUTO_SERVER");
            assertThat(listeningSocketsOfThisProcess()).isEqualTo(before);
        }
        // the probe sees the port H2's AUTO_SERVER would open
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("raw") + ";AUTO_SERVER=TRUE", "sa", "")) {
            assertThat(listeningSocketsOfThisProcess()).hasSize(before.size() + 1);
        }
        assertThatThrownBy(() -> Store.open(new StoreSettings(StoreTestSupport.url(dir) + ";AUTO_SERVER=TRUE", "sa", "", 2,
                false))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not set AUTO_SERVER=TRUE");
        assertThat(java.util.Arrays.stream(
                new String(getClass().getResourceAsStream("/config/application.properties").readAllBytes(),
                        StandardCharsets.UTF_8).split("\n")).filter(l -> l.startsWith("gateway.store.url")))
                .singleElement().asString().doesNotContainIgnoringCase("AUTO_SERVER");
    }

    private Process holdInChildProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldStoreUntilKilled.class.getName(), dir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("OPEN")) {
            // start-up log lines
        }
        assertThat(line).as("child opened the store").isEqualTo("OPEN");
        return p;
    }

    /** Inodes of the TCP sockets in LISTEN state that this JVM holds open (Linux /proc). */
    private static Set<String> listeningSocketsOfThisProcess() throws IOException {
        Set<String> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path t = Path.of(table);
            if (Files.exists(t)) {
                for (String line : Files.readAllLines(t).subList(1, Files.readAllLines(t).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f[3].equals("0A")) {
                        listening.add(f[9]);
                    }
                }
            }
        }
        Set<String> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        String inode = target.substring(8, target.length() - 1);
                        if (listening.contains(inode)) {
                            ours.add(inode);
                        }
                    }
                } catch (IOException e) {
                    // the fd closed meanwhile
                }
            });
        }
        return ours;
    }
}
