package org.osogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osogateway.support.MutableClock;

class EndpointGateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    private final List<String> transitions = new ArrayList<>();

    private EndpointGate gate(EndpointLimits limits) {
        return new EndpointGates(limits, clock, (rk, state, probeAt) -> transitions.add(rk + " " + state + " " + probeAt),
                g -> { }).gate("RK-A");
    }

    private static EndpointLimits limits(int inFlight, double rate) {
        return new EndpointLimits(inFlight, rate, 100, 5, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    private static EndpointGate.Permit permit(EndpointGate gate) {
        EndpointGate.Entry e = gate.tryEnter();
        assertThat(e).isInstanceOf(EndpointGate.Permit.class);
        return (EndpointGate.Permit) e;
    }

    @Test
    void boundsTheAttemptsInFlight() {
        EndpointGate gate = gate(limits(4, 0));
        List<EndpointGate.Permit> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(permit(gate));
        }
        assertThat(gate.inFlight()).isEqualTo(4);
        assertThat(gate.tryEnter()).isEqualTo(new EndpointGate.Busy("4 attempts in flight"));
        held.get(0).answered();
        held.get(0).release();
        held.get(0).release(); // a second release gives nothing back twice
        assertThat(gate.inFlight()).isEqualTo(3);
        permit(gate);
        assertThat(gate.tryEnter()).isInstanceOf(EndpointGate.Busy.class);
    }

    @Test
    void opensAfterConsecutiveFailuresAndLetsOneProbeThroughAtItsTime() {
        EndpointGate gate = gate(limits(4, 0));
        for (int i = 0; i < 5; i++) {
            EndpointGate.Permit p = permit(gate);
            p.failed(new IOException("timeout"));
            p.release();
        }
        Instant probeAt = clock.instant().plusSeconds(30).plusMillis(1);
        assertThat(gate.circuitState()).isEqualTo(State.OPEN);
        assertThat(gate.tryEnter()).isEqualTo(new EndpointGate.Open(probeAt));
        assertThat(gate.probeAt()).isEqualTo(probeAt);

        clock.advance(Duration.ofSeconds(29));
        assertThat(gate.tryEnter()).isEqualTo(new EndpointGate.Open(probeAt));
        clock.advance(Duration.ofMillis(1001));
        EndpointGate.Permit probe = permit(gate);
        assertThat(gate.circuitState()).isEqualTo(State.HALF_OPEN);
        assertThat(gate.tryEnter()).isEqualTo(new EndpointGate.Busy("probe under way"));

        // the probe fails: open again, for twice as long
        probe.failed(new IOException("timeout"));
        probe.release();
        Instant secondProbe = clock.instant().plusSeconds(60).plusMillis(1);
        assertThat(gate.tryEnter()).isEqualTo(new EndpointGate.Open(secondProbe));

        clock.advance(Duration.ofMillis(60_001));
        EndpointGate.Permit second = permit(gate);
        second.answered();
        second.release();
        assertThat(gate.circuitState()).isEqualTo(State.CLOSED);
        assertThat(gate.probeAt()).isNull();
        for (int i = 0; i < 4; i++) {
            permit(gate);
        }
        assertThat(transitions).containsExactly(
                "RK-A OPEN " + probeAt,
                "RK-A HALF_OPEN " + probeAt,
                "RK-A OPEN " + secondProbe,
                "RK-A HALF_OPEN " + secondProbe,
                "RK-A CLOSED null");
    }

    @Test
    void anAnswerBreaksTheRunOfFailuresAndACallNotMadeCountsForNothing() {
        EndpointGate gate = gate(limits(4, 0));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                EndpointGate.Permit p = permit(gate);
                p.failed(new IOException("refused"));
                p.release();
            }
            EndpointGate.Permit answered = permit(gate);
            answered.answered(); // e.g. a SOAP fault: the receiver is alive
            answered.release();
            EndpointGate.Permit notCalled = permit(gate);
            notCalled.release(); // e.g. the claim was lost to another instance
        }
        assertThat(gate.circuitState()).isEqualTo(State.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void limitsTheDrainRate() {
        EndpointGate gate = gate(limits(100, 20)); // 2 per tenth of a second
        int granted = 0;
        for (int i = 0; i < 10; i++) {
            EndpointGate.Entry e = gate.tryEnter();
            if (e instanceof EndpointGate.Permit p) {
                granted++;
                p.release();
            } else {
                assertThat(e).isEqualTo(new EndpointGate.Busy("drain rate reached"));
            }
        }
        assertThat(granted).isBetween(2, 4); // one refresh may fall inside the loop
        assertThat(gate.inFlight()).isZero(); // a refusal by rate gives the in-flight slot back
    }

    @Test
    void openWaitDoublesUpToItsCap() {
        EndpointLimits l = new EndpointLimits(4, 0, 100, 5, Duration.ofSeconds(30), Duration.ofMinutes(2));
        assertThat(List.of(l.openWait(1), l.openWait(2), l.openWait(3), l.openWait(4), l.openWait(40)))
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                        Duration.ofSeconds(120), Duration.ofSeconds(120));
    }

    @Test
    void settingsAreReadAndBadOnesNamed() {
        EndpointLimits l = EndpointLimits.fromProperties(Map.of("gateway.delivery.endpoint.max-in-flight", "2",
                "gateway.delivery.endpoint.circuit.open-wait", "PT5S")::get);
        assertThat(l.maxInFlight()).isEqualTo(2);
        assertThat(l.openWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(l.failureThreshold()).isEqualTo(EndpointLimits.DEFAULT_FAILURE_THRESHOLD);
        assertThatThrownBy(() -> EndpointLimits.fromProperties(Map.of("gateway.delivery.endpoint.max-in-flight", "0")::get))
                .hasMessageContaining("gateway.delivery.endpoint.max-in-flight");
        assertThatThrownBy(() -> EndpointLimits.fromProperties(
                Map.of("gateway.delivery.endpoint.circuit.open-wait", "30s")::get))
                .hasMessageContaining("gateway.delivery.endpoint.circuit.open-wait");
    }
}
