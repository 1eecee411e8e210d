package org.osogateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.WaitingJobCounts;

/**
 * Gauges of the jobs not delivered yet, read from the store by {@link #refresh()} (every few seconds, one query),
 * never per scrape: {@code oso_jobs_waiting{state}} and {@code oso_jobs_waiting_by_endpoint{state,routeringskenmerk}}.
 * The routeringskenmerk is bounded by the registry; no pupil or school data.
 */
public final class WaitingJobGauges {
    static final List<DeliveryState> WAITING = List.of(DeliveryState.ACCEPTED, DeliveryState.DELIVERING,
            DeliveryState.RETRY_WAIT, DeliveryState.FAILED);

    private final WaitingJobCounts store;
    private final Map<DeliveryState, AtomicLong> byState = new EnumMap<>(DeliveryState.class);
    private final MultiGauge byEndpoint;

    public WaitingJobGauges(WaitingJobCounts store, MeterRegistry registry) {
        this.store = store;
        for (DeliveryState s : WAITING) {
            AtomicLong n = new AtomicLong();
            byState.put(s, n);
            Gauge.builder("oso.jobs.waiting", n, AtomicLong::get)
                    .description("jobs not delivered, by state (FAILED is the dead letter), all instances")
                    .tag("state", s.name()).register(registry);
        }
        byEndpoint = MultiGauge.builder("oso.jobs.waiting.by.endpoint")
                .description("jobs not delivered, by state and receiver endpoint, all instances").register(registry);
    }

    /** Reads the counts from the store (one query) and sets the gauges; endpoints without jobs drop out. */
    public void refresh() throws SQLException {
        List<WaitingJobCounts.Count> counts = store.counts();
        Map<DeliveryState, Long> totals = new EnumMap<>(DeliveryState.class);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (WaitingJobCounts.Count c : counts) {
            totals.merge(c.state(), c.jobs(), Long::sum);
            rows.add(MultiGauge.Row.of(Tags.of("state", c.state().name(), "routeringskenmerk", c.endpoint()), c.jobs()));
        }
        byState.forEach((s, n) -> n.set(totals.getOrDefault(s, 0L)));
        byEndpoint.register(rows, true);
    }
}
