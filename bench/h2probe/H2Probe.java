// Diagnostic tool, not part of the gateway: see bench/h2probe/README.md.
import java.io.*;
import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/** Kill -9 probe of H2: children insert+commit+CHECKPOINT SYNC and print acked ids; the parent kills them and checks. */
public class H2Probe {
    static final boolean FIX = Boolean.getBoolean("fix");

    static org.h2.mvstore.db.Store engine(Connection c) throws SQLException {
        return ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()).getDatabase().getStore();
    }

    static void sync(Connection c) throws SQLException {
        org.h2.mvstore.db.Store store = engine(c);
        store.flush();
        org.h2.mvstore.MVStore mv = store.getMvStore();
        mv.getFileStore().executeFileStoreOperation(mv::sync);
    }

    static int finish(Connection c) throws Exception {
        org.h2.mvstore.tx.TransactionStore ts = engine(c).getTransactionStore();
        java.lang.reflect.Method commit = org.h2.mvstore.tx.TransactionStore.class.getDeclaredMethod("commit", org.h2.mvstore.tx.Transaction.class, boolean.class);
        java.lang.reflect.Method close = org.h2.mvstore.tx.Transaction.class.getDeclaredMethod("close", boolean.class, Throwable.class);
        commit.setAccessible(true); close.setAccessible(true);
        int n = 0;
        for (org.h2.mvstore.tx.Transaction t : ts.getOpenTransactions()) {
            if (t.getStatus() == org.h2.mvstore.tx.Transaction.STATUS_COMMITTED) { commit.invoke(ts, t, true); close.invoke(t, true, null); n++; }
        }
        if (n > 0) sync(c);
        return n;
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("child")) child(a[1], a[2], a[3], Long.parseLong(a[4]));
        else if (a[0].equals("check")) check(a[1], a[2]);
        else parent(a[1], Integer.parseInt(a[2]), a[3], a[4], Long.parseLong(a[5]));
    }

    static String url(String dir, String suffix) {
        return "jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE" + suffix;
    }

    static void child(String dir, String suffix, String type, long start) throws Exception {
        String url = url(dir, suffix);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            if (FIX) { int n = finish(c); if (n > 0) System.err.println("finished " + n); }
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS msg (id BIGINT PRIMARY KEY, n INT NOT NULL)");
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS payload (id BIGINT PRIMARY KEY REFERENCES msg(id), content "
                    + type + " NOT NULL)");
            c.createStatement().execute("CHECKPOINT SYNC");
        }
        System.out.println("ready");
        System.out.flush();
        AtomicLong next = new AtomicLong(start);
        byte[] body = new byte[Integer.getInteger("size", 788)];
        new Random(1).nextBytes(body);
        Object out = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int t = 0; t < 16; t++) {
            pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    Random r = new Random();
                    while (true) {
                        long id = next.getAndIncrement();
                        c.setAutoCommit(false);
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO msg VALUES (?,0)");
                             PreparedStatement q = c.prepareStatement("INSERT INTO payload VALUES (?,?)")) {
                            p.setLong(1, id); p.executeUpdate();
                            q.setLong(1, id); q.setBinaryStream(2, new ByteArrayInputStream(body), body.length); q.executeUpdate();
                        }
                        c.commit();
                        c.setAutoCommit(true);
                        if (FIX) sync(c); else try (Statement s = c.createStatement()) { s.execute("CHECKPOINT SYNC"); }
                        synchronized (out) { System.out.println("ack " + id); System.out.flush(); }
                        // claim-like updates of older rows, committed at once
                        long old = start + (long) (r.nextDouble() * (id - start + 1));
                        try (PreparedStatement u = c.prepareStatement("UPDATE msg SET n = n + 1 WHERE id = ?")) {
                            u.setLong(1, old); u.executeUpdate();
                        }
                    }
                } catch (Throwable e) {
                    e.printStackTrace();
                }
                return null;
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static void check(String dir, String suffix) throws Exception {
        Set<Long> acked = new HashSet<>();
        for (String l : Files.readAllLines(Path.of(dir, "acked.txt"))) acked.add(Long.parseLong(l));
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(dir, suffix), "sa", "")) {
            if (FIX) { int n = finish(c); if (n > 0) System.out.println("finished " + n + " cut commits"); }
            Set<Long> present = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM msg")) { while (rs.next()) present.add(rs.getLong(1)); }
            Set<Long> withPayload = new HashSet<>();
            int unreadable = 0;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, content FROM payload")) {
                while (rs.next()) {
                    try (InputStream s = rs.getBinaryStream(2)) { if (s.readAllBytes().length != Integer.getInteger("size", 788)) unreadable++; else withPayload.add(rs.getLong(1)); }
                    catch (Exception e) { unreadable++; if (unreadable == 1) problems.add("payload unreadable: " + e); }
                }
            } catch (Exception e) { problems.add("payload scan: " + e); }
            long lost = acked.stream().filter(id -> !present.contains(id)).count();
            long noPayload = acked.stream().filter(id -> present.contains(id) && !withPayload.contains(id)).count();
            if (lost > 0) problems.add(lost + " acked rows lost: " + acked.stream().filter(id -> !present.contains(id)).sorted().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")));
            if (noPayload > 0) problems.add(noPayload + " acked rows without readable payload");
            c.createStatement().execute("SET LOCK_TIMEOUT 2000");
            try { c.createStatement().executeUpdate("UPDATE msg SET n = n + 1"); }
            catch (SQLException e) { problems.add("lock: " + e.getMessage().split("\n")[0]); }
        }
        for (String p : problems) System.out.println("problem " + p);
    }

    static void parent(String dir, int iterations, String suffix, String type, long seed) throws Exception {
        Random random = new Random(seed);
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        long start = 1;
        int failedIterations = 0;
        int hangs = 0;
        int repaired = 0;
        for (int i = 1; i <= iterations; i++) {
            ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Dsize=" + Integer.getInteger("size", 788), "-Dfix=" + FIX, "-cp", System.getProperty("java.class.path"),
                    "H2Probe", "child", dir, suffix, type, Long.toString(start));
            pb.redirectError(new File(dir + "/child-" + i + ".err"));
            Process p = pb.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String first = in.readLine();
            if (!"ready".equals(first)) { System.out.println("iteration " + i + ": child did not start: " + first); failedIterations++; p.destroyForcibly().waitFor(); start += 1_000_000; continue; }
            Thread reader = new Thread(() -> {
                try { for (String l; (l = in.readLine()) != null; ) if (l.startsWith("ack ")) acked.add(Long.parseLong(l.substring(4))); }
                catch (IOException ignored) { }
            });
            reader.start();
            Thread.sleep(200 + random.nextInt(1500));
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            reader.join();
            start += 1_000_000;
            // check in its own JVM: a hung check is killed after 60 s
            Files.write(Path.of(dir, "acked.txt"), acked.stream().map(String::valueOf).toList());
            ProcessBuilder cb = new ProcessBuilder("java", "-Dsize=" + Integer.getInteger("size", 788), "-Dfix=" + FIX, "-cp",
                    System.getProperty("java.class.path"), "H2Probe", "check", dir, suffix);
            cb.redirectErrorStream(true);
            cb.redirectOutput(new File(dir + "/check-" + i + ".out"));
            Process cp = cb.start();
            List<String> problems = new ArrayList<>();
            boolean hung = false;
            if (!cp.waitFor(60, TimeUnit.SECONDS)) {
                new ProcessBuilder("jstack", Long.toString(cp.pid())).redirectOutput(new File(dir + "/check-" + i + ".stack")).start().waitFor();
                cp.destroyForcibly().waitFor();
                problems.add("check hung (UPDATE of all rows did not finish in 60 s)");
                hung = true;
            }
            for (String l : Files.readAllLines(Path.of(dir + "/check-" + i + ".out"))) { if (l.startsWith("problem ")) problems.add(l.substring(8)); if (l.startsWith("finished ")) { repaired++; System.out.println("iteration " + i + ": " + l); } }
            System.out.println("iteration " + i + ": acked " + acked.size() + (problems.isEmpty() ? " OK" : " FAIL " + problems));
            if (!problems.isEmpty()) { failedIterations++; acked.clear(); Files.copy(Path.of(dir, "db.mv.db"), Path.of(dir, "fail-" + i + ".mv.db")); }
            if (hung || i % 10 == 0) { hangs += hung ? 1 : 0; for (File f : new File(dir).listFiles()) if (f.getName().startsWith("db.")) f.delete(); acked.clear(); }
        }
        System.out.println("RESULT " + failedIterations + " of " + iterations + " iterations failed, " + hangs + " hangs, " + repaired + " repairs of cut commits, fix=" + FIX + " (suffix '" + suffix + "', " + type + ")");
    }
}
