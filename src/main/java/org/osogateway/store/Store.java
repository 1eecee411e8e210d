package org.osogateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The gateway's SQL store: a pooled DataSource, migrated by Flyway, with durable commits on demand. */
public final class Store implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final GroupSync groupSync;

    private Store(HikariDataSource dataSource, GroupSync groupSync) {
        this.dataSource = dataSource;
        this.groupSync = groupSync;
    }

    /** Opens the pool and brings the schema up to date. */
    public static Store open(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2KeepOpenUntilClosed(settings));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setAutoCommit(true);
        config.setPoolName("oso-store");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            flyway(ds, settings.isH2()).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        GroupSync sync = settings.syncCommits() && settings.isH2() ? new GroupSync(() -> h2Sync(ds)) : GroupSync.NONE;
        return new Store(ds, sync);
    }

    // H2 closes its database in its own JVM shutdown hook, possibly before Camel has stopped taking
    // requests and finished deliveries in flight; unless told otherwise the gateway closes the store
    // itself, last. H2 does not allow this with AUTO_SERVER (the operator CLI's shared access): then
    // work cut off by the shutdown is answered TEMPORARILY_UNAVAILABLE or delivered again later.
    private static String h2KeepOpenUntilClosed(StoreSettings settings) {
        String url = settings.url().toUpperCase();
        boolean decided = url.contains("DB_CLOSE_ON_EXIT") || url.contains("AUTO_SERVER=TRUE");
        return settings.isH2() && !decided ? settings.url() + ";DB_CLOSE_ON_EXIT=FALSE" : settings.url();
    }

    /** The project's migrations for this DataSource; the one dialect difference is the binary column type. */
    public static FluentConfiguration flyway(DataSource ds, boolean h2) {
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob_type", h2 ? "BINARY LARGE OBJECT" : "BYTEA"));
    }

    // H2 writes committed changes to its file asynchronously; CHECKPOINT SYNC stores them and forces
    // the file to the device. PostgreSQL needs nothing here: its commit already waits for the WAL fsync.
    private static void h2Sync(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
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
        dataSource.close();
    }
}
