package org.osogateway.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DueJob;

/**
 * Finds jobs whose next attempt is due and that no live worker holds (retries, parked jobs at their probe, work of
 * dead processes, this instance's own acceptances its immediate path could not queue), in the store's
 * round-robin order over endpoints, and offers them to the dispatcher (which holds each job once).
 */
public final class DuePoller {
    private final DeliveryJobs store;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final int batchSize;
    private final String instanceId;

    public DuePoller(DeliveryJobs store, DeliveryDispatcher dispatcher, Clock clock, int batchSize, String instanceId) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.batchSize = batchSize;
        this.instanceId = instanceId;
    }

    /** Returns how many jobs were newly offered. */
    public int poll() throws SQLException {
        List<DueJob> due = store.findDue(clock.instant(), batchSize, instanceId);
        return dispatcher.offerDue(due.stream().map(DueJob::messagePk).toList(),
                due.stream().map(DueJob::endpointKey).toList());
    }
}
