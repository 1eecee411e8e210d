package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committers wait for the group sync while they hold their connection (a claim reads on after it). When they hold
 * every pooled connection, the sync must still run: it has its own. Before, it waited for a pooled one, and the
 * gateway stalled until the pool's 30 s timeout, every 16 busy delivery workers.
 */
class SyncWhilePoolIsTakenTest {
    @TempDir
    Path dir;

    @Test
    void theSyncRunsWhileTheCommittersHoldEveryPooledConnection() throws Exception {
        int pool = 2;
        try (Store store = Store.open(new StoreSettings(StoreTestSupport.url(dir), "sa", "", pool, true))) {
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (n INT)");
            }
            ExecutorService threads = Executors.newFixedThreadPool(pool);
            CyclicBarrier allHoldOne = new CyclicBarrier(pool);
            try {
                List<Future<?>> committers = new ArrayList<>();
                for (int i = 0; i < pool; i++) {
                    int n = i;
                    committers.add(threads.submit(() -> {
                        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                            s.execute("INSERT INTO t VALUES (" + n + ")");
                            allHoldOne.await(10, TimeUnit.SECONDS);
                            store.awaitDurable(); // still holding c, as DeliveryJobs.claim does
                        }
                        return null;
                    }));
                }
                for (Future<?> f : committers) {
                    f.get(10, TimeUnit.SECONDS); // the pool's own wait for a connection is 30 s
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(StoreTestSupport.count(store, "SELECT COUNT(*) FROM t")).isEqualTo(pool);
        }
    }
}
