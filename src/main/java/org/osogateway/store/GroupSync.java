package org.osogateway.store;

import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: callers that committed wait for one disk sync that started after their commit.
 * Concurrent callers share a sync, so the cost of an fsync is spread over all of them.
 */
final class GroupSync {
    /** The sync action, e.g. H2CrashSafety.sync on H2. */
    interface SyncAction {
        void sync() throws SQLException;
    }

    static final GroupSync NONE = new GroupSync(null);

    private final SyncAction action;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private long requested;   // generation asked for by the latest caller
    private long completed;   // generation known to be on disk
    private boolean running;
    private SQLException lastFailure;
    private long failedGeneration = -1;

    GroupSync(SyncAction action) {
        this.action = action;
    }

    void awaitDurable() throws SQLException {
        if (action == null) {
            return;
        }
        long mine;
        lock.lock();
        try {
            mine = ++requested;
            while (completed < mine) {
                if (failedGeneration >= mine) {
                    throw lastFailure;
                }
                if (!running) {
                    running = true;
                    long covers = requested;
                    lock.unlock();
                    SQLException failure = null;
                    try {
                        action.sync();
                    } catch (SQLException e) {
                        failure = e;
                    } finally {
                        lock.lock();
                    }
                    running = false;
                    if (failure == null) {
                        completed = Math.max(completed, covers);
                    } else {
                        lastFailure = failure;
                        failedGeneration = covers;
                    }
                    done.signalAll();
                } else {
                    done.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
