package org.osogateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.osogateway.audit.AuditEvent;

/**
 * Counts every audit event as {@code oso_events_total{event,outcome}} in the Prometheus registry, so
 * that accepted, refused, delivered, retried and failed dossiers can be watched without reading logs.
 */
public final class EventMetrics implements Consumer<List<AuditEvent>> {
    private final CamelContext context;
    private volatile MeterRegistry registry;

    public EventMetrics(CamelContext context) {
        this.context = context;
    }

    @Override
    public void accept(List<AuditEvent> events) {
        MeterRegistry r = registry();
        if (r == null) {
            return; // metrics switched off
        }
        for (AuditEvent e : events) {
            r.counter("oso.events", "event", e.type().name(), "outcome", e.outcome() == null ? "" : e.outcome()).increment();
        }
    }

    // The registry is set up by Camel after the beans are wired, so it is looked up on first use.
    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            r = context.getRegistry().findSingleByType(MeterRegistry.class);
            registry = r;
        }
        return r;
    }
}
