package org.osogateway.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osogateway.store.DeliveryState;

/** What the status page shows at one moment, read from the store. */
public record StatusSnapshot(Instant at, Map<DeliveryState, Long> totals, List<MinuteCount> perMinute,
                             List<FailingReceiver> failingReceivers, DeadLetter deadLetter) {
    public StatusSnapshot {
        totals = Map.copyOf(totals);
        perMinute = List.copyOf(perMinute);
        failingReceivers = List.copyOf(failingReceivers);
    }

    /** Reads a snapshot: chart over the last {@code chartMinutes}, top {@code receivers}, newest {@code deadLetters}. */
    public static StatusSnapshot read(FlowQueries queries, Instant now, int chartMinutes, int receivers, int deadLetters)
            throws java.sql.SQLException {
        return new StatusSnapshot(now, queries.totals(), queries.perMinute(now, chartMinutes),
                queries.failingReceivers(now, receivers), queries.deadLetter(deadLetters));
    }
}
