package org.osogateway.store;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link EndpointSchedulingContract} on a real PostgreSQL (window function, batch counts, upsert race); runs only
 * with {@code -Doso.test.postgres.url}. Each test migrates a schema of its own.
 */
@EnabledIfSystemProperty(named = "oso.test.postgres.url", matches = ".+")
class EndpointSchedulingPostgresTest extends EndpointSchedulingContract {

    @Override
    Store openStore() throws Exception {
        return StoreTestSupport.openPostgres();
    }
}
