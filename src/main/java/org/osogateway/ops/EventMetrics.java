package org.osogateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.fault.GatewayErrorCode;

/**
 * Counts the audit events, once they are committed: every one as {@code oso_events_total{event,outcome}}, and the
 * dossier flow as {@code oso_dossiers_accepted_total}, {@code oso_dossiers_refused_total{code}},
 * {@code oso_deliveries_delivered_total}, {@code oso_deliveries_failed_total} and {@code oso_delivery_retries_total}.
 * The counters are built up front (one per fault code), so counting allocates nothing; no tag holds pupil data.
 */
public final class EventMetrics implements Consumer<List<AuditEvent>> {
    /** The refused counter's code for an outcome that is no fault code of the contract (none is expected). */
    static final String OTHER_CODE = "OTHER";

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter failed;
    private final Counter retried;
    private final Map<AuditEventType, Map<String, Counter>> events = new EnumMap<>(AuditEventType.class);

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("oso.dossiers.accepted").description("dossiers accepted (stored, ACCEPTED answered); "
                + "a repeated messageId is not counted again").register(registry);
        for (GatewayErrorCode code : GatewayErrorCode.values()) {
            refused.put(code.name(), refusedCounter(code.name()));
        }
        refused.put(OTHER_CODE, refusedCounter(OTHER_CODE));
        delivered = Counter.builder("oso.deliveries.delivered").description("dossiers delivered to their receiver")
                .register(registry);
        failed = Counter.builder("oso.deliveries.failed").description("dossiers put in the dead letter (FAILED)")
                .register(registry);
        retried = Counter.builder("oso.delivery.retries").description("failed delivery attempts that will be retried")
                .register(registry);
        for (AuditEventType type : AuditEventType.values()) {
            events.put(type, new ConcurrentHashMap<>());
        }
    }

    private Counter refusedCounter(String code) {
        return Counter.builder("oso.dossiers.refused").description("SOAP requests refused, by fault code")
                .tag("code", code).register(registry);
    }

    @Override
    public void accept(List<AuditEvent> batch) {
        for (AuditEvent e : batch) {
            String outcome = e.outcome() == null ? "" : e.outcome();
            events.get(e.type()).computeIfAbsent(outcome, o -> registry.counter("oso.events", "event", e.type().name(),
                    "outcome", o)).increment();
            switch (e.type()) {
                case RECEIVED -> accepted.increment();
                case REJECTED -> refused.getOrDefault(outcome, refused.get(OTHER_CODE)).increment();
                case DELIVERED -> delivered.increment();
                case FAILED -> failed.increment();
                case RETRY_SCHEDULED -> retried.increment();
                default -> { }
            }
        }
    }
}
