package org.osogateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link EndpointSchedulingContract} on a real PostgreSQL (window function, batch counts, upsert race); runs only
 * with {@code -Doso.test.postgres.url}. Each test migrates a schema of its own.
 */
@EnabledIfSystemProperty(named = "oso.test.postgres.url", matches = ".+")
class EndpointSchedulingPostgresTest extends EndpointSchedulingContract {

    @Override
    Store openStore() throws Exception {
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        String base = System.getProperty("oso.test.postgres.url");
        String user = System.getProperty("oso.test.postgres.user", "postgres");
        String password = System.getProperty("oso.test.postgres.password", "");
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Store.open(new StoreSettings(url, user, password, 8, true));
    }
}
