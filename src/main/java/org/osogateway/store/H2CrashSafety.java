package org.osogateway.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * Two repairs of the embedded H2 2.5.x store that the kill -9 test needed (README "Crash test"): a sync that waits
 * for H2's background writer, and the end of commits a kill cut in half. Both reach into H2's engine, so they
 * need an embedded H2 connection (the sync falls back to CHECKPOINT SYNC on a client/server one).
 */
final class H2CrashSafety {
    private static final Method COMMIT;
    private static final Method CLOSE;

    static {
        try {
            COMMIT = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
            CLOSE = Transaction.class.getDeclaredMethod("close", boolean.class, Throwable.class);
            COMMIT.setAccessible(true);
            CLOSE.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("this H2 version lacks TransactionStore.commit(Transaction, boolean)"
                    + " or Transaction.close(boolean, Throwable), which the store needs after a kill: " + e);
        }
    }

    private H2CrashSafety() {
    }

    /**
     * Puts every transaction committed before this call on disk. CHECKPOINT SYNC is not enough: when H2's
     * background writer has just taken the changes, CHECKPOINT finds nothing left to store and the fsync runs
     * before the writer's chunk has been written, so a kill loses commits that were answered as durable.
     */
    static void sync(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT SYNC"); // a client/server URL: the H2 server's engine is out of reach
            }
            return;
        }
        org.h2.mvstore.db.Store store = session.getDatabase().getStore();
        store.flush(); // stores what is unsaved, or waits for the store operation that took it
        MVStore mv = store.getMvStore();
        FileStore<?> file = mv.getFileStore();
        if (file != null) {
            // waits for the chunks the background writer has queued, then forces the file to the device
            file.executeFileStoreOperation(mv::sync);
        }
    }

    /**
     * Ends the transactions a kill cut between marking their commit and clearing their undo log. H2 reopens them
     * as COMMITTED but never finishes them (Transaction.commit does nothing for one already COMMITTED): their rows
     * stay invisible to readers and a writer touching one spins for ever. Run before anything else uses the store.
     *
     * @return how many such transactions were finished
     */
    static int finishCutCommits(Connection connection) throws SQLException {
        TransactionStore transactions = engine(connection).getTransactionStore();
        int finished = 0;
        for (Transaction t : transactions.getOpenTransactions()) {
            if (t.getStatus() == Transaction.STATUS_COMMITTED) {
                try {
                    COMMIT.invoke(transactions, t, true); // recovery: makes its entries committed, clears its log
                    CLOSE.invoke(t, true, null);          // frees its slot
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                } catch (InvocationTargetException e) {
                    throw new SQLException("cannot finish H2 transaction " + t.getId() + " that a kill cut during its"
                            + " commit: " + e.getCause(), e.getCause());
                }
                finished++;
            }
        }
        if (finished > 0) {
            sync(connection);
        }
        return finished;
    }

    private static org.h2.mvstore.db.Store engine(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            throw new SQLException("not an embedded H2 connection");
        }
        return session.getDatabase().getStore();
    }
}
