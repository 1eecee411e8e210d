package org.osogateway.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The {@link EndpointGate} of every receiver endpoint this instance delivers to, made on first use; a job whose
 * endpoint is not known yet (stored before endpoints were recorded) shares the gate named {@value #UNKNOWN}.
 */
public final class EndpointGates {
    /** Gate of jobs without a recorded endpoint. */
    public static final String UNKNOWN = "(unknown)";

    private final EndpointLimits limits;
    private final Clock clock;
    private final EndpointGate.CircuitListener listener;
    private final Consumer<EndpointGate> onNewGate;
    private final ConcurrentMap<String, EndpointGate> gates = new ConcurrentHashMap<>();

    /** {@code onNewGate}: e.g. registers the gate's metrics. */
    public EndpointGates(EndpointLimits limits, Clock clock, EndpointGate.CircuitListener listener,
                         Consumer<EndpointGate> onNewGate) {
        this.limits = limits;
        this.clock = clock;
        this.listener = listener;
        this.onNewGate = onNewGate;
    }

    public EndpointLimits limits() {
        return limits;
    }

    public EndpointGate gate(String routeringskenmerk) {
        String key = routeringskenmerk == null || routeringskenmerk.isBlank() ? UNKNOWN : routeringskenmerk;
        EndpointGate gate = gates.get(key);
        if (gate != null) {
            return gate;
        }
        boolean[] created = {false};
        EndpointGate made = gates.computeIfAbsent(key, k -> {
            created[0] = true;
            return new EndpointGate(k, limits, clock, listener);
        });
        if (created[0]) {
            onNewGate.accept(made);
        }
        return made;
    }

    /** Endpoints whose circuit is open or half open right now. */
    public List<String> notClosed() {
        List<String> out = new ArrayList<>();
        gates.values().forEach(g -> {
            if (g.circuitState() != CircuitBreaker.State.CLOSED) {
                out.add(g.routeringskenmerk());
            }
        });
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
