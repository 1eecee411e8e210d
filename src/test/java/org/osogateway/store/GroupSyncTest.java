package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Verifies GroupSync: every caller is released only by a sync that started after its commit; syncs are shared; failures reach waiters. */
class GroupSyncTest {

    /**
     * Models the disk: a "commit" bumps {@code committed}; a sync snapshots {@code committed} when it starts and, when
     * it finishes, makes everything up to that snapshot durable. A caller that committed c and then returned from
     * awaitDurable must find {@code durable >= c}: a sync that started before its commit cannot have released it.
     */
    private static final class ModelDisk implements GroupSync.SyncAction {
        final AtomicLong committed = new AtomicLong();
        final AtomicLong durable = new AtomicLong();
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        volatile boolean fail;

        @Override
        public void sync() throws SQLException {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                syncs.incrementAndGet();
                long snapshot = committed.get();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (fail) {
                    throw new SQLException("disk full (simulated)");
                }
                durable.accumulateAndGet(snapshot, Math::max);
            } finally {
                concurrent.decrementAndGet();
            }
        }
    }

    @Test
    void everyCallerIsReleasedByASyncThatStartedAfterItsCommitAndSyncsAreShared() throws Exception {
        ModelDisk disk = new ModelDisk();
        GroupSync sync = new GroupSync(disk);
        int threads = 32;
        int callsPerThread = 50;
        AtomicInteger violations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        long mine = disk.committed.incrementAndGet(); // the caller's commit
                        sync.awaitDurable();
                        if (disk.durable.get() < mine) {
                            violations.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // every caller returns
            }
        } finally {
            pool.shutdownNow();
        }
        int callers = threads * callsPerThread;
        assertThat(violations).as("callers released before their commit was synced").hasValue(0);
        assertThat(disk.syncs.get()).isBetween(1, callers);
        assertThat(disk.maxConcurrent).as("syncs never overlap").hasValue(1);
        assertThat(disk.durable.get()).isEqualTo(callers);
    }

    @Test
    void aSingleCallerRunsOneSync() throws Exception {
        ModelDisk disk = new ModelDisk();
        GroupSync sync = new GroupSync(disk);
        disk.committed.incrementAndGet();
        sync.awaitDurable();
        assertThat(disk.syncs).hasValue(1);
        assertThat(disk.durable).hasValue(1);
        disk.committed.incrementAndGet();
        sync.awaitDurable();
        assertThat(disk.syncs).hasValue(2);
        assertThat(disk.durable).hasValue(2);
    }

    @Test
    void noneNeverSyncs() throws Exception {
        GroupSync.NONE.awaitDurable();
    }

    @Test
    void aFailingSyncMakesWaitingCallersThrowAndLaterSyncsRecover() throws Exception {
        CountDownLatch firstSyncEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger syncs = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            syncs.incrementAndGet();
            if (first.getAndSet(false)) {
                firstSyncEntered.countDown();
                try {
                    releaseFirstSync.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failing.get()) {
                throw new SQLException("fsync failed (simulated)");
            }
        });
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> results = new ArrayList<>();
        try {
            results.add(pool.submit(() -> {
                sync.awaitDurable();
                return null;
            }));
            assertThat(firstSyncEntered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < threads; i++) {
                results.add(pool.submit(() -> {
                    sync.awaitDurable();
                    return null;
                }));
            }
            Thread.sleep(100); // let them queue behind the running sync
            releaseFirstSync.countDown();
            for (Future<?> f : results) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(SQLException.class).hasMessageContaining("simulated");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(syncs.get()).isBetween(1, threads);

        failing.set(false);
        sync.awaitDurable(); // a new call after the failure gets a new, successful sync
    }
}
