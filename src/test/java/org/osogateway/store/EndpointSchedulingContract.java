package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.osogateway.store.StoreTestSupport.T0;
import static org.osogateway.store.StoreTestSupport.count;
import static org.osogateway.store.StoreTestSupport.string;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.audit.AuditTrail;

/**
 * The store API of per-endpoint delivery on every supported database: fair findDue, claim without read-back,
 * park/unpark/reroute, the instance as actor of attempts, circuit states and the list's endpoint and circuit.
 */
abstract class EndpointSchedulingContract {
    static final String A = "000000070000AAAA0001";
    static final String B = "000000070000BBBB0001";
    static final String CODE = "CIRCUIT_OPEN";

    Store store;
    AcceptanceStore acceptances;
    DeliveryJobs jobs;
    DeliveryQueries queries;
    CircuitStates circuits;

    /** A migrated, empty store of its own. */
    abstract Store openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        AuditTrail audit = new AuditTrail();
        acceptances = new AcceptanceStore(store, audit, PayloadCipher.NONE);
        jobs = new DeliveryJobs(store, audit);
        queries = new DeliveryQueries(store);
        circuits = new CircuitStates(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long accept(String messageId, String endpointKey, Instant at, String owner) throws Exception {
        return acceptances.accept(StoreTestSupport.dossier(messageId, "00YY", "01AB",
                "<dossier xmlns=\"urn:x\"><id>" + messageId + "</id></dossier>", null, endpointKey), at, owner,
                at.plusSeconds(60)).messagePk();
    }

    /** Due jobs without payloads, many at once: findDue reads only dossier_message. */
    private void insertDue(String prefix, String endpointKey, int n, Instant firstDue) throws Exception {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dossier_message (message_id, sender_brin, receiver_brin, overdrachtsoort, dossier_namespace, "
                        + "dossier_sha256, dossier_size, accepted_at, correlation_id, state, attempts, next_attempt_at, "
                        + "endpoint_key, schedule_started_at, schedule_attempts_before) "
                        + "VALUES (?,'00YY','01AB','overstapdossier','urn:x',?,1,?,'c','ACCEPTED',0,?,?,?,0)")) {
            for (int i = 0; i < n; i++) {
                Instant at = firstDue.plusMillis(i);
                ps.setString(1, prefix + i);
                ps.setString(2, "0".repeat(64));
                ps.setObject(3, SqlValues.odt(at));
                ps.setObject(4, SqlValues.odt(at));
                ps.setString(5, endpointKey);
                ps.setObject(6, SqlValues.odt(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void findDueGoesRoundRobinSoTenForBAreNotHiddenBehindTwoThousandForA() throws Exception {
        insertDue("a-", A, 2000, T0);
        insertDue("b-", B, 10, T0.plusSeconds(60));

        List<DueJob> first = jobs.findDue(T0.plusSeconds(120), 20);

        assertThat(first).hasSize(20);
        assertThat(first).filteredOn(j -> B.equals(j.endpointKey())).hasSize(10);
        // turn by turn: each endpoint's oldest, then each one's second
        assertThat(first).extracting(DueJob::endpointKey).containsExactly(
                A, B, A, B, A, B, A, B, A, B, A, B, A, B, A, B, A, B, A, B);
        assertThat(jobs.findDue(T0.plusSeconds(120), 100)).hasSize(100)
                .filteredOn(j -> B.equals(j.endpointKey())).hasSize(10);
        // within one endpoint, oldest first
        List<Long> aPks = first.stream().filter(j -> A.equals(j.endpointKey())).map(DueJob::messagePk).toList();
        assertThat(aPks).isSorted();
    }

    @Test
    void jobsWithoutAnEndpointAreAGroupOfTheirOwn() throws Exception {
        insertDue("a-", A, 50, T0);
        insertDue("old-", null, 3, T0.plusSeconds(60));

        List<DueJob> first = jobs.findDue(T0.plusSeconds(120), 6);

        assertThat(first).extracting(DueJob::endpointKey).containsExactly(A, null, A, null, A, null);
        assertThat(jobs.findDue(T0.plusSeconds(30), 100)).as("not yet due").hasSize(50)
                .allMatch(j -> A.equals(j.endpointKey()));
    }

    @Test
    void aClaimWithTheDossierInMemoryNeverReadsTheStoredOne() throws Exception {
        long immediate = accept("mem-1", A, T0, "me");
        long polled = accept("mem-2", A, T0, "me");
        byte[] original = StoreTestSupport.dossier("x", "00YY", "01AB",
                "<dossier xmlns=\"urn:x\"><id>mem-1</id></dossier>", null, A).canonicalDossier();
        // other bytes of the same length in both stored payloads: a claim that read them would carry these
        byte[] tampered = "<dossier xmlns=\"urn:x\"><id>XXXXX</id></dossier>".getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).hasSameSizeAs(original);
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dossier_payload SET content = ?")) {
            ps.setBytes(1, tampered);
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }

        DeliveryJob job = jobs.claim(immediate, "me", T0, T0.plusSeconds(60), original).orElseThrow();
        assertThat(job.canonicalDossier()).isSameAs(original);
        assertThat(job.endpointKey()).isEqualTo(A);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(jobs.claim(polled, "me", T0, T0.plusSeconds(60), null).orElseThrow().canonicalDossier())
                .as("read back from the store").isEqualTo(tampered);
    }

    @Test
    void aClaimWithTheDossierInMemoryStillSeesAMissingPayloadAndRefusesAnotherMessagesBytes() throws Exception {
        long torn = accept("mem-torn", A, T0, "me");
        long other = accept("mem-other", A, T0, "me");
        byte[] tornBytes = "<dossier xmlns=\"urn:x\"><id>mem-torn</id></dossier>".getBytes(StandardCharsets.UTF_8);
        try (Connection c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM dossier_payload WHERE message_pk = " + torn);
        }

        assertThat(jobs.claim(torn, "me", T0, T0.plusSeconds(60), tornBytes)).isEmpty();
        assertThat(queries.status(torn).orElseThrow().lastErrorCode()).isEqualTo(DeliveryJobs.PAYLOAD_MISSING);
        assertThatThrownBy(() -> jobs.claim(other, "me", T0, T0.plusSeconds(60), tornBytes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message " + other);
    }

    @Test
    void parkPutsOnlyUnleasedWaitingJobsBackWithoutAnAttempt() throws Exception {
        Instant now = T0.plusSeconds(10);
        Instant until = T0.plusSeconds(300);
        long reservedByMe = accept("pk-mine", A, T0, "me");
        long reservedByOther = accept("pk-other", A, T0, "other");
        long reservationOver = accept("pk-over", A, T0.minusSeconds(120), "other");
        long retrying = accept("pk-retry", A, T0, "me");
        long leased = accept("pk-leased", A, T0, "other");
        long delivered = accept("pk-delivered", A, T0, "me");
        DeliveryJob r = jobs.claim(retrying, "me", T0, T0.plusSeconds(60)).orElseThrow();
        jobs.recordRetry(r, "me", "RECEIVER_HTTP_503", "receiver answered HTTP 503", T0.plusSeconds(5), T0);
        jobs.claim(leased, "other", T0, T0.plusSeconds(600)).orElseThrow();
        jobs.recordDelivered(jobs.claim(delivered, "me", T0, T0.plusSeconds(60)).orElseThrow(), "me", A, "DELIVERED", T0);

        int parked = jobs.park(A, List.of(reservedByMe, reservedByOther, reservationOver, retrying, leased, delivered,
                retrying, 999_999L), "me", until, CODE, "the circuit of endpoint " + A + " is open", now);

        assertThat(parked).isEqualTo(3);
        for (long pk : new long[] {reservedByMe, reservationOver, retrying}) {
            DeliveryStatus s = queries.status(pk).orElseThrow();
            assertThat(s.state()).isEqualTo(DeliveryState.RETRY_WAIT);
            assertThat(s.nextAttemptAt()).isEqualTo(until);
            assertThat(s.lastErrorCode()).isEqualTo(CODE);
            assertThat(s.lastErrorMessage()).isEqualTo("the circuit of endpoint " + A + " is open");
            assertThat(s.events()).last().satisfies(e -> assertThat(e.type()).isEqualTo("PARKED"));
            assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE id = ? AND lease_owner IS NULL "
                    + "AND lease_until IS NULL", pk)).isEqualTo(1);
        }
        assertThat(queries.status(retrying).orElseThrow().attempts()).as("no attempt counted").isEqualTo(1);
        assertThat(queries.status(reservedByMe).orElseThrow().attempts()).isZero();
        assertThat(queries.status(reservedByOther).orElseThrow().state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(queries.status(leased).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERING);
        assertThat(queries.status(delivered).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(count(store, "SELECT COUNT(*) FROM audit_event WHERE event_type = 'PARKED' AND outcome = ? "
                + "AND actor = 'instance me' AND detail LIKE 'the circuit of endpoint %'", CODE)).isEqualTo(3);
        assertThat(jobs.findDue(until.minusMillis(1), 100)).extracting(DueJob::messagePk)
                .doesNotContain(reservedByMe, reservationOver, retrying);
        assertThat(jobs.findDue(until, 100)).extracting(DueJob::messagePk)
                .contains(reservedByMe, reservationOver, retrying);
        assertThat(jobs.park(A, List.of(), "me", until, CODE, "x", now)).isZero();
    }

    @Test
    void parkGivesAJobWithoutEndpointTheParkingOneSoThatUnparkFindsIt() throws Exception {
        long old = accept("pk-old", null, T0, "me");

        assertThat(jobs.park(A, List.of(old), "me", T0.plusSeconds(300), CODE, "open", T0)).isEqualTo(1);
        assertThat(queries.status(old).orElseThrow().endpointKey()).isEqualTo(A);
        assertThat(jobs.unpark(A, CODE, T0.plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void unparkMakesOnlyThatEndpointsParkedJobsDueNow() throws Exception {
        Instant until = T0.plusSeconds(300);
        long parkedA = accept("up-a", A, T0, "me");
        long parkedB = accept("up-b", B, T0, "me");
        long retryingA = accept("up-retry", A, T0, "me");
        DeliveryJob r = jobs.claim(retryingA, "me", T0, T0.plusSeconds(60)).orElseThrow();
        jobs.recordRetry(r, "me", "RECEIVER_HTTP_503", "HTTP 503", until, T0);
        jobs.park(A, List.of(parkedA), "me", until, CODE, "open", T0);
        jobs.park(B, List.of(parkedB), "me", until, CODE, "open", T0);
        Instant closedAt = T0.plusSeconds(40);

        assertThat(jobs.unpark(A, CODE, closedAt)).isEqualTo(1);

        assertThat(queries.status(parkedA).orElseThrow().nextAttemptAt()).isEqualTo(closedAt);
        assertThat(queries.status(parkedA).orElseThrow().attempts()).isZero();
        assertThat(queries.status(parkedB).orElseThrow().nextAttemptAt()).as("other endpoint").isEqualTo(until);
        assertThat(queries.status(retryingA).orElseThrow().nextAttemptAt()).as("a real retry").isEqualTo(until);
        assertThat(jobs.findDue(closedAt, 10)).extracting(DueJob::messagePk).containsExactly(parkedA);
        assertThat(jobs.unpark(A, CODE, closedAt)).as("already due").isZero();
    }

    @Test
    void anInstanceFindsItsOwnReservedAcceptancesOthersWaitForTheReservation() throws Exception {
        long pk = accept("own-1", A, T0, "me"); // reserved for "me" until T0 + 60 s

        assertThat(jobs.findDue(T0.plusSeconds(1), 10)).isEmpty();
        assertThat(jobs.findDue(T0.plusSeconds(1), 10, "other")).isEmpty();
        assertThat(jobs.findDue(T0.plusSeconds(1), 10, "me")).containsExactly(new DueJob(pk, A));
        assertThat(jobs.findDue(T0.plusSeconds(61), 10, "other")).containsExactly(new DueJob(pk, A));
    }

    @Test
    void rerouteQueuesTheJobForAnotherEndpoint() throws Exception {
        long pk = accept("rr-1", A, T0, "me");

        assertThat(jobs.reroute(pk, B)).isTrue();
        assertThat(jobs.findDue(T0.plusSeconds(61), 10)).containsExactly(new DueJob(pk, B));
        assertThat(jobs.claim(pk, "me", T0, T0.plusSeconds(60)).orElseThrow().endpointKey()).isEqualTo(B);
        assertThat(jobs.reroute(999_999L, B)).isFalse();
    }

    @Test
    void everyAttemptIsAuditedWithTheInstanceThatMadeIt() throws Exception {
        long pk = accept("act-1", A, T0, "gw-1");
        DeliveryJob first = jobs.claim(pk, "gw-1", T0, T0.plusSeconds(60)).orElseThrow();
        jobs.recordRetry(first, "gw-1", "RECEIVER_HTTP_503", "HTTP 503", T0.plusSeconds(5), T0);
        DeliveryJob second = jobs.claim(pk, "gw-2", T0.plusSeconds(5), T0.plusSeconds(65)).orElseThrow();
        jobs.recordFailed(second, "gw-2", "RECEIVER_SOAP_FAULT", "client fault", T0.plusSeconds(6));
        long other = accept("act-2", A, T0, "gw-1");
        jobs.recordDelivered(jobs.claim(other, "gw-1", T0, T0.plusSeconds(60)).orElseThrow(), "gw-1", A, "DELIVERED", T0);

        assertThat(string(store, "SELECT actor FROM audit_event WHERE message_pk = ? AND event_type = 'RECEIVED'", pk))
                .as("the intake stays the supplier's (none here)").isNull();
        assertThat(actors(pk, "ATTEMPT")).containsExactly("instance gw-1", "instance gw-2");
        assertThat(actors(pk, "RETRY_SCHEDULED")).containsExactly("instance gw-1");
        assertThat(actors(pk, "FAILED")).containsExactly("instance gw-2");
        assertThat(actors(other, "DELIVERED")).containsExactly("instance gw-1");
    }

    private List<String> actors(long pk, String type) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT actor FROM audit_event WHERE message_pk = ? AND event_type = ? ORDER BY id")) {
            ps.setLong(1, pk);
            ps.setString(2, type);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void circuitStatesAreUpsertedPerEndpointAndInstance() throws Exception {
        circuits.record(A, "gw-1", CircuitStates.CLOSED, null, T0);
        circuits.record(A, "gw-1", CircuitStates.OPEN, T0.plusSeconds(30), T0.plusSeconds(1));
        circuits.record(A, "gw-2", CircuitStates.HALF_OPEN, null, T0.plusSeconds(2));

        assertThat(circuits.all()).containsExactly(
                new CircuitView(A, "gw-1", CircuitStates.OPEN, T0.plusSeconds(30), T0.plusSeconds(1)),
                new CircuitView(A, "gw-2", CircuitStates.HALF_OPEN, null, T0.plusSeconds(2)));
        assertThatThrownBy(() -> circuits.record(A, "gw-1", "FORCED_OPEN", null, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentFirstRecordsOfOneCircuitLeaveOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                String rk = "00000007000000" + round;
                List<Callable<Void>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String state = w % 2 == 0 ? CircuitStates.OPEN : CircuitStates.CLOSED;
                    writers.add(() -> {
                        circuits.record(rk, "gw-1", state, null, T0);
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(writers)) {
                    f.get(); // none may fail with a unique violation
                }
                assertThat(count(store, "SELECT COUNT(*) FROM endpoint_circuit WHERE routeringskenmerk = ?", rk))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theListShowsEachJobsEndpointAndItsWorstCircuitOverInstances() throws Exception {
        long toA = accept("ls-a", A, T0, "me");
        long toB = accept("ls-b", B, T0.plusSeconds(1), "me");
        long old = accept("ls-old", null, T0.plusSeconds(2), "me");
        long toC = accept("ls-c", "000000070000CCCC0001", T0.plusSeconds(3), "me");
        Instant now = Instant.now();
        circuits.record(A, "gw-1", CircuitStates.CLOSED, null, now);
        circuits.record(A, "gw-2", CircuitStates.OPEN, now.plusSeconds(30), now);
        circuits.record(B, "gw-1", CircuitStates.HALF_OPEN, null, now);
        circuits.record(B, "gw-2", CircuitStates.CLOSED, null, now);
        // an open circuit nobody re-recorded for over an hour is of an instance that is gone: not shown
        circuits.record(B, "gw-gone", CircuitStates.OPEN, now.minusSeconds(7200), now.minusSeconds(7230));
        circuits.record("000000070000CCCC0001", "gw-gone", CircuitStates.OPEN, now.minusSeconds(7200),
                now.minusSeconds(7230));

        List<DeliveryStatus> rows = queries.list(null, null, null, 10);

        assertThat(rows).extracting(DeliveryStatus::messagePk).containsExactly(toC, old, toB, toA);
        assertThat(rows).extracting(DeliveryStatus::endpointKey)
                .containsExactly("000000070000CCCC0001", null, B, A);
        assertThat(rows).extracting(DeliveryStatus::circuit)
                .containsExactly(null, null, CircuitStates.HALF_OPEN, CircuitStates.OPEN);
        assertThat(queries.status(toA).orElseThrow().circuit()).isEqualTo(CircuitStates.OPEN);
        assertThat(queries.status(toA).orElseThrow().endpointKey()).isEqualTo(A);
        circuits.record(A, "gw-2", CircuitStates.CLOSED, null, now.plusSeconds(40));
        assertThat(queries.status(toA).orElseThrow().circuit()).isEqualTo(CircuitStates.CLOSED);
    }
}
