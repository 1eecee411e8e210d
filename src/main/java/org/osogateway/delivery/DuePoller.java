package org.osogateway.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DueJob;

/**
 * Finds jobs whose next attempt is due and that no live worker holds (retries, parked jobs at their probe, work of
 * dead processes), in the store's round-robin order over endpoints, and offers them to the dispatcher.
 */
public final class DuePoller {
    private final DeliveryJobs store;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final int batchSize;

    public DuePoller(DeliveryJobs store, DeliveryDispatcher dispatcher, Clock clock, int batchSize) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Returns how many jobs were newly offered. */
    public int poll() throws SQLException {
        List<DueJob> due = store.findDue(clock.instant(), batchSize);
        return dispatcher.offerDue(due.stream().map(DueJob::messagePk).toList(),
                due.stream().map(DueJob::endpointKey).toList());
    }
}
