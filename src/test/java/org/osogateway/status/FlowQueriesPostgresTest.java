package org.osogateway.status;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osogateway.store.Store;
import org.osogateway.store.StoreTestSupport;

/**
 * {@link FlowQueriesContract} on a real PostgreSQL (DATE_TRUNC per minute in a non-UTC session, FETCH FIRST); runs
 * only with {@code -Doso.test.postgres.url} (.ci/run starts one on loopback). Each test migrates a schema of its own.
 */
@EnabledIfSystemProperty(named = "oso.test.postgres.url", matches = ".+")
class FlowQueriesPostgresTest extends FlowQueriesContract {

    @Override
    Store openStore() throws Exception {
        return StoreTestSupport.openPostgres();
    }
}
