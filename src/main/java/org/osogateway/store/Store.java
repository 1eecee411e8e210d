package org.osogateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's SQL store: a pooled DataSource, migrated by Flyway, with durable commits on demand. */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private final HikariDataSource dataSource;
    private final GroupSync groupSync;
    private final DataFolderLock lock;
    private final Connection syncConnection; // the group sync's own, outside what the callers share; null without

    private Store(HikariDataSource dataSource, GroupSync groupSync, DataFolderLock lock, Connection syncConnection) {
        this.dataSource = dataSource;
        this.groupSync = groupSync;
        this.lock = lock;
        this.syncConnection = syncConnection;
    }

    /**
     * Opens the pool and brings the schema up to date. An embedded H2 file store is first locked for this
     * process ({@link StoreHeldException} when another holds it) and, without a configured password, opened with
     * its generated one ({@link EmbeddedPassword}).
     */
    public static Store open(StoreSettings settings) {
        settings.refuseServerMode();
        Optional<Path> file = settings.h2File();
        DataFolderLock lock = file.map(DataFolderLock::acquire).orElse(null);
        try {
            String url = h2WriteAtCommit(h2KeepOpenUntilClosed(settings), file.isPresent());
            String password = file.isPresent() && settings.password().isEmpty()
                    ? EmbeddedPassword.prepare(file.get(), url, settings.user()) : settings.password();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(settings.user());
            config.setPassword(password);
            // on H2 with synced commits one more: the sync's own connection (below), held for the store's lifetime
            boolean groupSync = settings.syncCommits() && settings.isH2();
            config.setMaximumPoolSize(settings.poolSize() + (groupSync ? 1 : 0));
            config.setAutoCommit(true);
            config.setPoolName("oso-store");
            HikariDataSource ds = new HikariDataSource(config);
            try {
                if (file.isPresent()) {
                    finishCutCommits(ds);
                }
                flyway(ds, settings.isH2()).load().migrate();
                if (file.isPresent()) {
                    // H2 writes the migrated schema in the background: a kill -9 right after the start could tear
                    // it (tables without their Flyway history), so it is on disk before anyone uses the store
                    h2Sync(ds);
                }
            } catch (SQLException e) {
                ds.close();
                throw new IllegalStateException("cannot repair or force the embedded store to disk: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                ds.close();
                throw e;
            }
            // Committers wait for the sync while they still hold their pooled connection (a claim reads on after it):
            // a sync that had to take one from the pool could wait for ever once they hold them all.
            Connection syncConnection = groupSync ? reserve(ds) : null;
            GroupSync sync = groupSync ? new GroupSync(() -> H2CrashSafety.sync(syncConnection)) : GroupSync.NONE;
            return new Store(ds, sync, lock, syncConnection);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    // H2 closes its database in its own JVM shutdown hook, possibly before Camel has stopped taking
    // requests and finished deliveries in flight; unless told otherwise the gateway closes the store
    // itself, last.
    private static String h2KeepOpenUntilClosed(StoreSettings settings) {
        boolean decided = settings.url().toUpperCase().contains("DB_CLOSE_ON_EXIT");
        return settings.isH2() && !decided ? settings.url() + ";DB_CLOSE_ON_EXIT=FALSE" : settings.url();
    }

    // Without H2's background writer (WRITE_DELAY=0) each commit writes its chunk before it returns. In the kill -9
    // probe (bench/h2probe) that alone stopped the loss of synced rows right after a restart: 0 of 70 restarts
    // against 18 of 200 with the writer (README "Known limits"). A URL that sets WRITE_DELAY keeps its value.
    private static String h2WriteAtCommit(String url, boolean h2File) {
        boolean decided = url.toUpperCase().contains("WRITE_DELAY");
        return h2File && !decided ? url + ";WRITE_DELAY=0" : url;
    }

    /** The project's migrations for this DataSource; the one dialect difference is the binary column type. */
    public static FluentConfiguration flyway(DataSource ds, boolean h2) {
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob_type", h2 ? "BINARY LARGE OBJECT" : "BYTEA"));
    }

    // H2 writes committed changes to its file asynchronously; this stores them, waits for H2's background writer
    // and forces the file to the device. PostgreSQL needs nothing here: its commit already waits for the WAL fsync.
    private static Connection reserve(HikariDataSource ds) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            ds.close();
            throw new IllegalStateException("cannot open the embedded store's sync connection: " + e.getMessage(), e);
        }
    }

    private static void h2Sync(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            H2CrashSafety.sync(c);
        }
    }

    // Before anyone reads the store: rows of a commit that a kill -9 cut in half would otherwise stay invisible.
    private static void finishCutCommits(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            int finished = H2CrashSafety.finishCutCommits(c);
            if (finished > 0) {
                LOG.warn("finished {} H2 transaction(s) that the last stop (a kill?) cut during their commit", finished);
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Blocks until every transaction committed before this call is on disk. */
    public void awaitDurable() throws SQLException {
        groupSync.awaitDurable();
    }

    @Override
    public void close() {
        if (syncConnection != null) {
            try {
                syncConnection.close();
            } catch (SQLException e) {
                LOG.warn("closing the store's sync connection: {}", e.getMessage());
            }
        }
        dataSource.close(); // the last connection closes the H2 database (DB_CLOSE_DELAY 0) before the lock goes
        if (lock != null) {
            lock.close();
        }
    }
}
