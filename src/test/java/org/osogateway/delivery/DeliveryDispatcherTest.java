package org.osogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.osogateway.support.MutableClock;

class DeliveryDispatcherTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    private final List<DeliveryDispatcher.Dispatch> handedOff = Collections.synchronizedList(new ArrayList<>());
    private final List<String> parked = new ArrayList<>();

    private DeliveryDispatcher dispatcher(EndpointGates gates, long maxHeldBytes) {
        return new DeliveryDispatcher(gates, handedOff::add, (key, pks, until, now) -> {
            parked.add(key + " " + pks + " until " + until);
            return pks.size();
        }, clock, 10_000, maxHeldBytes);
    }

    private EndpointGates gates(int inFlight) {
        return new EndpointGates(new EndpointLimits(inFlight, 0, 10_000, 3, Duration.ofSeconds(30), Duration.ofMinutes(10)),
                clock, (rk, state, probeAt) -> { }, g -> { });
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().collect(Collectors.toList());
    }

    /** Plays the workers: every handed-off attempt ends at once, answered. */
    private void workAll(DeliveryDispatcher d) throws InterruptedException {
        while (d.round()) {
            synchronized (handedOff) {
                for (DeliveryDispatcher.Dispatch x : handedOff) {
                    if (x.permit() != null) {
                        x.permit().answered();
                        x.permit().release();
                    }
                }
            }
        }
    }

    @Test
    void aBigBacklogDoesNotStarveASmallOne() throws InterruptedException {
        DeliveryDispatcher d = dispatcher(gates(4), 0);
        d.offerDue(range(1, 2001), Collections.nCopies(2000, "RK-HOLIDAY"));
        d.offerDue(range(5001, 5011), Collections.nCopies(10, "RK-SMALL"));
        workAll(d);
        List<String> order = handedOff.stream().map(DeliveryDispatcher.Dispatch::endpointKey).toList();
        assertThat(order).hasSize(2010);
        // round-robin: the small receiver's ten go out within the first twenty
        assertThat(order.subList(0, 20)).filteredOn("RK-SMALL"::equals).hasSize(10);
        // each endpoint in the order it was offered
        assertThat(handedOff.stream().filter(x -> x.endpointKey().equals("RK-SMALL")).map(DeliveryDispatcher.Dispatch::messagePk))
                .containsExactlyElementsOf(range(5001, 5011));
    }

    @Test
    void aHangingReceiverHoldsOnlyItsInFlightShare() throws InterruptedException {
        EndpointGates gates = gates(4);
        DeliveryDispatcher d = dispatcher(gates, 0);
        d.offerDue(range(1, 101), Collections.nCopies(100, "RK-HANGS"));
        d.offerDue(range(201, 301), Collections.nCopies(100, "RK-OK"));
        // the hanging receiver's permits are never given back; the healthy one's are, at once
        while (d.round()) {
            synchronized (handedOff) {
                handedOff.stream().filter(x -> x.endpointKey().equals("RK-OK")).forEach(x -> {
                    x.permit().answered();
                    x.permit().release();
                });
            }
        }
        assertThat(handedOff.stream().filter(x -> x.endpointKey().equals("RK-HANGS"))).hasSize(4);
        assertThat(handedOff.stream().filter(x -> x.endpointKey().equals("RK-OK"))).hasSize(100);
        assertThat(gates.gate("RK-HANGS").inFlight()).isEqualTo(4);
        assertThat(d.pendingByEndpoint()).containsEntry("RK-HANGS", 96);
    }

    @Test
    void theJobsOfAnOpenCircuitAreParkedUntilItsProbe() throws InterruptedException {
        EndpointGates gates = gates(4);
        DeliveryDispatcher d = dispatcher(gates, 0);
        for (int i = 0; i < 3; i++) {
            EndpointGate.Permit p = (EndpointGate.Permit) gates.gate("RK-DOWN").tryEnter();
            p.failed(new IOException("refused"));
            p.release();
        }
        Instant probeAt = gates.gate("RK-DOWN").probeAt();
        d.offerDue(List.of(1L, 2L, 3L), List.of("RK-DOWN", "RK-DOWN", "RK-DOWN"));
        assertThat(d.round()).isTrue();
        assertThat(handedOff).isEmpty();
        assertThat(parked).containsExactly("RK-DOWN [1, 2, 3] until " + probeAt);
        assertThat(d.pendingByEndpoint()).containsEntry("RK-DOWN", 0);
        // parked jobs are no longer held here: due again at the probe, the poll may offer them
        assertThat(d.offerDue(List.of(1L), List.of("RK-DOWN"))).isEqualTo(1);
    }

    @Test
    void keepsJustAcceptedBytesForTheFirstAttemptWithinItsAllowance() throws InterruptedException {
        DeliveryDispatcher d = dispatcher(gates(4), 1000);
        assertThat(d.offer(1, "RK-A", new byte[600])).isTrue();
        assertThat(d.offer(2, "RK-A", new byte[600])).isTrue(); // over the allowance: read from the store
        assertThat(d.offer(1, "RK-A", new byte[600])).isFalse(); // already here
        workAll(d);
        assertThat(handedOff).extracting(x -> x.dossier() == null ? -1 : x.dossier().length).containsExactly(600, -1);
        d.finished(1);
        assertThat(d.offer(3, "RK-A", new byte[900])).isTrue(); // the first one's bytes were given back
        workAll(d);
        assertThat(handedOff.get(2).dossier()).hasSize(900);
    }

    @Test
    void aJobIsHeldOnceUntilItsAttemptIsFinished() throws InterruptedException {
        DeliveryDispatcher d = dispatcher(gates(4), 0);
        d.offerDue(List.of(7L), List.of("RK-A"));
        workAll(d);
        assertThat(d.offerDue(List.of(7L), List.of("RK-A"))).isZero(); // its attempt may still run
        d.finished(7);
        assertThat(d.offerDue(List.of(7L), List.of("RK-A"))).isEqualTo(1);
    }
}
