package org.osogateway.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.osogateway.store.DeliveryStore;

/** Finds jobs whose next attempt is due and that no live worker holds: retries, and work of dead processes. */
public final class DuePoller {
    private final DeliveryStore store;
    private final Clock clock;
    private final int batchSize;

    public DuePoller(DeliveryStore store, Clock clock, int batchSize) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public List<Long> dueJobs() throws SQLException {
        return store.findDue(clock.instant(), batchSize);
    }
}
