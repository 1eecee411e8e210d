package org.osogateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The store's one transaction helper: a pooled connection, autocommit off, commit, rollback on any failure. */
public final class Transactions {

    /** Work done inside one transaction; its result is returned once the transaction committed. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs {@code work} in one transaction and commits it; rolls back and rethrows on an SQLException or
     * RuntimeException. Work that decides to change nothing simply returns: committing no change is a rollback.
     */
    public static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        return run(ds, -1, work, true);
    }

    /** Runs read-only {@code work} in one REPEATABLE READ snapshot (all its SELECTs see one state), then ends it. */
    public static <T> T inSnapshot(DataSource ds, Work<T> work) throws SQLException {
        return run(ds, Connection.TRANSACTION_REPEATABLE_READ, work, false);
    }

    private static <T> T run(DataSource ds, int isolation, Work<T> work, boolean commit) throws SQLException {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int previousIsolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            if (isolation >= 0) {
                c.setTransactionIsolation(isolation);
            }
            try {
                T result = work.run(c);
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                // the pool hands this connection out again: as it was
                if (isolation >= 0) {
                    c.setTransactionIsolation(previousIsolation);
                }
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
