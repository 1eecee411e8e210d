package org.osogateway.store;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.TransactionStore;

/**
 * Test helper run in a child JVM: inserts an audit row in the H2 database of the given URL, takes its commit as far
 * as H2's committed marker in the undo log, lets a checkpoint write that to disk, prints CUT and halts (a kill -9
 * at that moment of TransactionStore.commit).
 */
public final class CutCommitThenHalt {
    private CutCommitThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        Connection writer = DriverManager.getConnection(args[0], "sa", args[1]);
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("INSERT INTO audit_event (event_type, at) VALUES ('CUT', CURRENT_TIMESTAMP)");
        }
        SessionLocal session = (SessionLocal) writer.unwrap(JdbcConnection.class).getSession();
        TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
        Method mark = TransactionStore.class.getDeclaredMethod("markUndoLogAsCommitted", int.class, long.class);
        mark.setAccessible(true);
        mark.invoke(transactions, session.getTransaction().getId(), 1L); // the first step of the commit
        try (Connection other = DriverManager.getConnection(args[0], "sa", args[1]); Statement s = other.createStatement()) {
            s.execute("CHECKPOINT"); // as the background writer would: the marked undo log and the row reach the file
        }
        System.out.println("CUT");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
