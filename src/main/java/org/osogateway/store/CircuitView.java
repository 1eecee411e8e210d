package org.osogateway.store;

import java.time.Instant;

/** One instance's recorded circuit-breaker state of one endpoint (table endpoint_circuit). */
public record CircuitView(String routeringskenmerk, String instanceId, String state, Instant probeAt, Instant changedAt) {
}
