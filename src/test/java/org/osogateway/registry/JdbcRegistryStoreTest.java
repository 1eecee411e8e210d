package org.osogateway.registry;

import org.osogateway.store.Store;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/** The store on H2 in PostgreSQL mode, as the tests and a single-node setup use it. */
class JdbcRegistryStoreTest extends JdbcRegistryStoreContract {

    @Override
    DataSource freshDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        // a fresh database per test; DB_CLOSE_DELAY keeps it alive between connections
        ds.setURL("jdbc:h2:mem:reg" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        Store.flyway(ds, true).load().migrate();
        return ds;
    }
}
