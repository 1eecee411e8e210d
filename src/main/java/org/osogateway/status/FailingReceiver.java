package org.osogateway.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.DeliveryState;

/**
 * One receiver endpoint's failing jobs: waiting for a retry (parked ones too) and in the dead letter, its most
 * frequent last error code, its circuit ({@code null} when no instance recorded one) and, while it is open, the
 * earliest next probe over the instances ({@code null} otherwise).
 */
public record FailingReceiver(String endpoint, long retrying, long failed, String commonError, String circuit,
                              Instant nextProbe) {
    /** Without a next probe. */
    public FailingReceiver(String endpoint, long retrying, long failed, String commonError, String circuit) {
        this(endpoint, retrying, failed, commonError, circuit, null);
    }

    /** Most failing jobs first; an open circuit before a closed one at equal counts; then by endpoint. */
    static final Comparator<FailingReceiver> MOST_FAILING_FIRST = Comparator
            .comparingLong((FailingReceiver r) -> -(r.retrying() + r.failed()))
            .thenComparingInt((FailingReceiver r) -> -severity(r.circuit()))
            .thenComparing(FailingReceiver::endpoint);

    /** 3 open, 2 half open, 1 closed, 0 none recorded. */
    static int severity(String circuit) {
        if (circuit == null) {
            return 0;
        }
        return CircuitStates.OPEN.equals(circuit) ? 3 : CircuitStates.HALF_OPEN.equals(circuit) ? 2 : 1;
    }

    /** Collects one endpoint's counts from grouped rows. */
    static final class Builder {
        private final String endpoint;
        private final Map<String, Long> byError = new HashMap<>();
        private long retrying;
        private long failed;
        private String circuit;
        private Instant nextProbe;

        Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        void add(DeliveryState state, String errorCode, long count) {
            if (state == DeliveryState.FAILED) {
                failed += count;
            } else {
                retrying += count;
            }
            if (errorCode != null) {
                byError.merge(errorCode, count, Long::sum);
            }
        }

        void circuit(String state, Instant probeAt) {
            circuit = state;
            nextProbe = CircuitStates.OPEN.equals(state) ? probeAt : null;
        }

        FailingReceiver build() {
            String common = byError.entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
            return new FailingReceiver(endpoint, retrying, failed, common, circuit, nextProbe);
        }
    }
}
