package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osogateway.store.StoreTestSupport.T0;
import static org.osogateway.store.StoreTestSupport.dossier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verifies job claiming: the acceptor's reservation, leases, take-over of a dead owner's job, and findDue. */
class DeliveryJobsClaimTest extends StoreTestBase {
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Instant RESERVED_UNTIL = T0.plusSeconds(60);


    private long accept(String messageId) throws Exception {
        return acceptances.accept(dossier(messageId), T0, "A", RESERVED_UNTIL).messagePk();
    }

    private Optional<DeliveryJob> claim(long pk, String owner, Instant now) throws Exception {
        return jobs.claim(pk, owner, now, now.plus(LEASE));
    }

    @Test
    void reservedJobIsClaimableByItsOwnerAtOnce() throws Exception {
        long pk = accept("cl-1");
        Instant now = T0.plusSeconds(1);

        Optional<DeliveryJob> job = claim(pk, "A", now);

        assertThat(job).isPresent();
        assertThat(job.get().messagePk()).isEqualTo(pk);
        assertThat(job.get().messageId()).isEqualTo("cl-1");
        assertThat(job.get().attempt()).isEqualTo(1);
        assertThat(job.get().attemptsInSchedule()).isEqualTo(1);
        assertThat(job.get().scheduleStartedAt()).isEqualTo(T0);
        assertThat(job.get().canonicalDossier()).isEqualTo(dossier("cl-1").canonicalDossier());
        assertThat(queries.status(pk).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERING);
    }

    @Test
    void aJobWhoseStoredDossierIsGoneGoesToTheDeadLetterInsteadOfFailingEveryClaim() throws Exception {
        long pk = accept("cl-torn");
        // what a store that lost part of a transaction would hold: the message without its payload row
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM dossier_payload WHERE message_pk = " + pk);
        }

        assertThat(claim(pk, "A", T0.plusSeconds(1))).isEmpty();
        DeliveryStatus status = queries.status(pk).orElseThrow();
        assertThat(status.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(status.lastErrorCode()).isEqualTo(DeliveryJobs.PAYLOAD_MISSING);
        assertThat(claim(pk, "A", T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void reservedJobIsNotClaimableByAnotherInstanceUntilTheReservationHasPassed() throws Exception {
        long pk = accept("cl-2");

        assertThat(claim(pk, "B", T0.plusSeconds(1))).isEmpty();
        assertThat(claim(pk, "B", RESERVED_UNTIL)).isEmpty(); // lease_until < now is strict
        assertThat(queries.status(pk).orElseThrow().state()).isEqualTo(DeliveryState.ACCEPTED);

        Optional<DeliveryJob> job = claim(pk, "B", RESERVED_UNTIL.plusMillis(1));
        assertThat(job).isPresent();
        assertThat(job.get().attempt()).isEqualTo(1);
    }

    @Test
    void claimedJobCannotBeClaimedAgainUntilTheLeaseRunsOutThenAnotherInstanceTakesItOver() throws Exception {
        long pk = accept("cl-3");
        Instant claimedAt = T0.plusSeconds(1);
        DeliveryJob byA = claim(pk, "A", claimedAt).orElseThrow();

        assertThat(claim(pk, "A", claimedAt.plusSeconds(1))).as("owner again while leased").isEmpty();
        assertThat(claim(pk, "B", claimedAt.plusSeconds(1))).as("other while leased").isEmpty();
        assertThat(claim(pk, "B", claimedAt.plus(LEASE))).as("other at the lease end").isEmpty();

        // A died: once its lease has run out, B takes the job over and the attempt counts on.
        DeliveryJob byB = claim(pk, "B", claimedAt.plus(LEASE).plusMillis(1)).orElseThrow();
        assertThat(byA.attempt()).isEqualTo(1);
        assertThat(byB.attempt()).isEqualTo(2);
        assertThat(byB.attemptsInSchedule()).isEqualTo(2);
        assertThat(queries.status(pk).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void findDueReturnsOnlyDueUnleasedJobs() throws Exception {
        long reserved = accept("due-reserved");
        long leased = accept("due-leased");
        long waiting = accept("due-waiting");
        long delivered = accept("due-delivered");
        long failed = accept("due-failed");
        Instant now = T0.plusSeconds(1);
        claim(leased, "A", now).orElseThrow();
        DeliveryJob w = claim(waiting, "A", now).orElseThrow();
        jobs.recordRetry(w, "A", "RECEIVER_HTTP_503", "receiver answered HTTP 503", T0.plusSeconds(30), now);
        DeliveryJob d = claim(delivered, "A", now).orElseThrow();
        jobs.recordDelivered(d, "A", "0000000700001AB00001", "DELIVERED", now);
        DeliveryJob f = claim(failed, "A", now).orElseThrow();
        jobs.recordFailed(f, "A", "RECEIVER_SOAP_FAULT", "client fault", now);

        assertThat(duePks(T0.plusSeconds(10), 100)).as("reservation and retry wait pending").isEmpty();
        assertThat(duePks(T0.plusSeconds(31), 100)).as("retry due, reservation pending").containsExactly(waiting);
        assertThat(duePks(T0.plusSeconds(61), 100)).as("reservation passed")
                .containsExactlyInAnyOrder(waiting, reserved);
        assertThat(duePks(now.plus(LEASE).plusSeconds(1), 100)).as("lease of the leased job ran out")
                .containsExactlyInAnyOrder(waiting, reserved, leased);
        assertThat(duePks(now.plus(LEASE).plusSeconds(1), 1)).hasSize(1);
    }

    @Test
    void retryWaitJobIsNotClaimableBeforeItsNextAttempt() throws Exception {
        long pk = accept("cl-wait");
        Instant now = T0.plusSeconds(1);
        DeliveryJob job = claim(pk, "A", now).orElseThrow();
        jobs.recordRetry(job, "A", "RECEIVER_HTTP_503", "receiver answered HTTP 503", T0.plusSeconds(30), now);

        assertThat(claim(pk, "A", T0.plusSeconds(29))).isEmpty();
        assertThat(claim(pk, "B", T0.plusSeconds(30))).isPresent();
    }
}
