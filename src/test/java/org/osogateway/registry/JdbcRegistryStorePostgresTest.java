package org.osogateway.registry;

import org.osogateway.store.Store;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * The store on a real PostgreSQL, run only when {@code -Doso.test.postgres.url=jdbc:postgresql://host:port/db}
 * (plus optional {@code oso.test.postgres.user} / {@code .password}) is given. Each test migrates a schema of its
 * own, so the database is never cleaned.
 */
@EnabledIfSystemProperty(named = "oso.test.postgres.url", matches = ".+")
class JdbcRegistryStorePostgresTest extends JdbcRegistryStoreContract {

    @Override
    DataSource freshDataSource() {
        String schema = "registry_test_" + System.nanoTime();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("oso.test.postgres.url"));
        ds.setUser(System.getProperty("oso.test.postgres.user", "postgres"));
        ds.setPassword(System.getProperty("oso.test.postgres.password", ""));
        ds.setCurrentSchema(schema);
        Store.flyway(ds, false).schemas(schema).createSchemas(true).load().migrate();
        return ds;
    }
}
