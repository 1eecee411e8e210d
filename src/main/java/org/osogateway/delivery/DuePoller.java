package org.osogateway.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DueJob;

/** Finds jobs whose next attempt is due and that no live worker holds: retries, and work of dead processes. */
public final class DuePoller {
    private final DeliveryJobs store;
    private final Clock clock;
    private final int batchSize;

    public DuePoller(DeliveryJobs store, Clock clock, int batchSize) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public List<Long> dueJobs() throws SQLException {
        return store.findDue(clock.instant(), batchSize).stream().map(DueJob::messagePk).toList();
    }
}
