package org.osogateway.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Gauges per receiver endpoint, tagged with its routeringskenmerk: circuit state (0 closed, 1 half open, 2 open),
 * attempts in flight and jobs waiting in this instance's dispatcher. No pupil or school data.
 */
public final class DeliveryMetrics implements Consumer<EndpointGate> {
    private final Supplier<MeterRegistry> registry;
    private final Supplier<DeliveryDispatcher> dispatcher;

    /** Both are looked up when a gate appears: Camel sets up the registry after the beans are wired. */
    public DeliveryMetrics(Supplier<MeterRegistry> registry, Supplier<DeliveryDispatcher> dispatcher) {
        this.registry = registry;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accept(EndpointGate gate) {
        MeterRegistry r = registry.get();
        if (r == null) {
            return; // metrics switched off
        }
        String rk = gate.routeringskenmerk();
        Gauge.builder("oso.delivery.circuit.state", gate, g -> code(g.circuitState()))
                .description("circuit breaker of the receiver endpoint: 0 closed, 1 half open, 2 open")
                .tag("routeringskenmerk", rk).register(r);
        Gauge.builder("oso.delivery.in.flight", gate, EndpointGate::inFlight)
                .description("delivery attempts in flight to the receiver endpoint")
                .tag("routeringskenmerk", rk).register(r);
        DeliveryDispatcher d = dispatcher.get();
        if (d != null) {
            Gauge.builder("oso.delivery.pending", d, x -> x.pendingByEndpoint().getOrDefault(rk, 0))
                    .description("jobs waiting in this instance for a permit of the receiver endpoint")
                    .tag("routeringskenmerk", rk).register(r);
        }
    }

    static int code(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        };
    }
}
