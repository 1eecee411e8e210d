package org.osogateway.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.DeliveryJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an endpoint's circuit changes known: in the store (endpoint_circuit, read by {@code deliveries list} and
 * other instances' operators) and the log; when a circuit closes, its parked jobs become due at once.
 */
public final class CircuitRecorder implements EndpointGate.CircuitListener {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitRecorder.class);

    private final CircuitStates states;
    private final DeliveryJobs jobs;
    private final String instanceId;
    private final Clock clock;

    public CircuitRecorder(CircuitStates states, DeliveryJobs jobs, String instanceId, Clock clock) {
        this.states = states;
        this.jobs = jobs;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    @Override
    public void changed(String routeringskenmerk, CircuitBreaker.State state, Instant probeAt) {
        Instant now = clock.instant();
        switch (state) {
            case OPEN -> LOG.warn("endpoint {}: circuit OPEN after failed attempts in a row; its jobs wait, next probe at {}",
                    routeringskenmerk, probeAt);
            case HALF_OPEN -> LOG.info("endpoint {}: circuit HALF_OPEN, one probe attempt", routeringskenmerk);
            case CLOSED -> LOG.info("endpoint {}: circuit CLOSED, the probe was answered", routeringskenmerk);
            default -> { }
        }
        try {
            states.record(routeringskenmerk, instanceId, state.name(), state == CircuitBreaker.State.OPEN ? probeAt : null, now);
            if (state == CircuitBreaker.State.CLOSED) {
                int due = jobs.unpark(routeringskenmerk, OutcomeClassifier.RECEIVER_CIRCUIT_OPEN, now);
                if (due > 0) {
                    LOG.info("endpoint {}: {} parked job(s) due now", routeringskenmerk, due);
                }
            }
        } catch (Exception e) {
            // the in-memory breaker still works; parked jobs then simply wait for their probe time
            LOG.warn("endpoint {}: circuit state {} not recorded in the store: {}", routeringskenmerk, state, e.toString());
        }
    }
}
