// Diagnostic tool, not part of the gateway: see bench/h2probe/README.md.
import java.sql.*;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.*;
import org.h2.mvstore.MVMap;
import org.h2.value.VersionedValue;
/** Prints the raw MVStore entries (operation id, committed/current value present) of given msg ids. */
public class Raw {
    public static void main(String[] a) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + a[0] + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            SessionLocal s = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            for (String table : new String[] {"msg", "payload"}) {
                MVTable t = (MVTable) s.getDatabase().getSchema("public").findTableOrView(s, table);
                MVPrimaryIndex pi = (MVPrimaryIndex) t.getScanIndex(s);
                MVMap<Long, VersionedValue<org.h2.result.SearchRow>> m = pi.getMVMap();
                for (int i = 1; i < a.length; i++) {
                    long id = Long.parseLong(a[i]);
                    VersionedValue<?> v = m.get(id);
                    System.out.println(table + " " + id + ": " + (v == null ? "ABSENT" : "opId=" + v.getOperationId() + " tx=" + (v.getOperationId() >>> 40) + " committed=" + (v.getCommittedValue() != null) + " current=" + (v.getCurrentValue() != null)));
                }
            }
            System.out.println("open txs: " + s.getDatabase().getStore().getTransactionStore().getOpenTransactions());
        }
    }
}
