package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osogateway.store.StoreTestSupport.T0;
import static org.osogateway.store.StoreTestSupport.count;
import static org.osogateway.store.StoreTestSupport.dossier;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verifies the outcomes of attempts (retry, delivered, failed, lost lease), resend, status, list and payload purging. */
class DeliveryJobsLifecycleTest extends StoreTestBase {
    static final Duration LEASE = Duration.ofMinutes(2);
    static final String RK = "0000000700001AB00001";


    private long accept(String messageId, Instant at) throws Exception {
        return acceptances.accept(dossier(messageId), at, "A", at.plusSeconds(60)).messagePk();
    }

    private DeliveryJob claim(long pk, String owner, Instant now) throws Exception {
        return jobs.claim(pk, owner, now, now.plus(LEASE)).orElseThrow();
    }

    private DeliveryStatus status(long pk) throws Exception {
        return queries.status(pk).orElseThrow();
    }

    @Test
    void recordRetryPutsTheJobInRetryWait() throws Exception {
        long pk = accept("lc-retry", T0);
        DeliveryJob job = claim(pk, "A", T0.plusSeconds(1));
        Instant next = T0.plusSeconds(31);

        jobs.recordRetry(job, "A", "RECEIVER_HTTP_503", "receiver answered HTTP 503", next, T0.plusSeconds(1));

        DeliveryStatus s = status(pk);
        assertThat(s.state()).isEqualTo(DeliveryState.RETRY_WAIT);
        assertThat(s.nextAttemptAt()).isEqualTo(next);
        assertThat(s.lastErrorCode()).isEqualTo("RECEIVER_HTTP_503");
        assertThat(s.lastErrorMessage()).isEqualTo("receiver answered HTTP 503");
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE id = ? AND lease_owner IS NULL "
                + "AND lease_until IS NULL", pk)).isEqualTo(1);
    }

    @Test
    void recordDeliveredEndsDelivered() throws Exception {
        long pk = accept("lc-ok", T0);
        DeliveryJob job = claim(pk, "A", T0.plusSeconds(1));

        jobs.recordDelivered(job, "A", RK, "DELIVERED", T0.plusSeconds(2));

        DeliveryStatus s = status(pk);
        assertThat(s.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(s.nextAttemptAt()).isNull();
        assertThat(s.lastErrorCode()).isNull();
        assertThat(StoreTestSupport.string(store, "SELECT delivered_routeringskenmerk FROM dossier_message WHERE id = ?", pk))
                .isEqualTo(RK);
    }

    @Test
    void recordFailedEndsFailed() throws Exception {
        long pk = accept("lc-fail", T0);
        DeliveryJob job = claim(pk, "A", T0.plusSeconds(1));

        jobs.recordFailed(job, "A", "RECEIVER_SOAP_FAULT", "SOAP fault soap:Client from receiver", T0.plusSeconds(2));

        DeliveryStatus s = status(pk);
        assertThat(s.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(s.nextAttemptAt()).isNull();
        assertThat(s.lastErrorCode()).isEqualTo("RECEIVER_SOAP_FAULT");
        assertThat(s.events()).extracting(DeliveryStatus.Event::type).endsWith("ATTEMPT", "FAILED");
    }

    @Test
    void anOwnerThatLostItsLeaseChangesNothing() throws Exception {
        long pk = accept("lc-lost", T0);
        Instant claimedAt = T0.plusSeconds(1);
        DeliveryJob byA = claim(pk, "A", claimedAt);
        DeliveryJob byB = claim(pk, "B", claimedAt.plus(LEASE).plusSeconds(1));
        int eventsBefore = status(pk).events().size();

        jobs.recordDelivered(byA, "A", RK, "DELIVERED", claimedAt.plus(LEASE).plusSeconds(2));
        jobs.recordRetry(byA, "A", "RECEIVER_HTTP_503", "late", claimedAt.plus(LEASE).plusSeconds(60),
                claimedAt.plus(LEASE).plusSeconds(2));
        jobs.recordFailed(byA, "A", "RECEIVER_SOAP_FAULT", "late", claimedAt.plus(LEASE).plusSeconds(2));

        DeliveryStatus s = status(pk);
        assertThat(s.state()).isEqualTo(DeliveryState.DELIVERING);
        assertThat(s.attempts()).isEqualTo(2);
        assertThat(s.events()).hasSize(eventsBefore);
        assertThat(StoreTestSupport.string(store, "SELECT lease_owner FROM dossier_message WHERE id = ?", pk)).isEqualTo("B");

        jobs.recordDelivered(byB, "B", RK, "DELIVERED", claimedAt.plus(LEASE).plusSeconds(3));
        assertThat(status(pk).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void resendWorksOnlyOnFailedAndStartsANewSchedule() throws Exception {
        long pk = accept("lc-resend", T0);
        assertThat(jobs.resend(pk, "operator", "too early", T0.plusSeconds(1))).as("ACCEPTED").isFalse();
        DeliveryJob first = claim(pk, "A", T0.plusSeconds(1));
        assertThat(jobs.resend(pk, "operator", "too early", T0.plusSeconds(1))).as("DELIVERING").isFalse();
        jobs.recordRetry(first, "A", "RECEIVER_HTTP_503", "HTTP 503", T0.plusSeconds(10), T0.plusSeconds(2));
        assertThat(jobs.resend(pk, "operator", "too early", T0.plusSeconds(3))).as("RETRY_WAIT").isFalse();
        DeliveryJob second = claim(pk, "A", T0.plusSeconds(10));
        assertThat(second.attemptsInSchedule()).isEqualTo(2);
        jobs.recordFailed(second, "A", "RECEIVER_SOAP_FAULT", "client fault", T0.plusSeconds(11));
        assertThat(jobs.resend(999_999L, "operator", "unknown", T0.plusSeconds(12))).as("unknown pk").isFalse();

        Instant resentAt = T0.plusSeconds(100);
        assertThat(jobs.resend(pk, "ops-jan", "receiver fixed its certificate", resentAt)).isTrue();

        DeliveryStatus s = status(pk);
        assertThat(s.state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(s.nextAttemptAt()).isEqualTo(resentAt);
        assertThat(s.events()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo("RESENT");
            assertThat(e.detail()).isEqualTo("receiver fixed its certificate");
            assertThat(e.at()).isEqualTo(resentAt);
        });
        assertThat(StoreTestSupport.string(store, "SELECT actor FROM audit_event WHERE message_pk = ? AND event_type = 'RESENT'",
                pk)).isEqualTo("ops-jan");
        assertThat(jobs.resend(pk, "ops-jan", "twice", resentAt)).as("not FAILED any more").isFalse();
        assertThat(duePks(resentAt, 10)).containsExactly(pk);

        DeliveryJob third = claim(pk, "B", resentAt.plusSeconds(1));
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(third.attemptsInSchedule()).isEqualTo(1);
        assertThat(third.scheduleStartedAt()).isEqualTo(resentAt);
    }

    @Test
    void statusListsEventsInOrder() throws Exception {
        long pk = accept("lc-events", T0);
        DeliveryJob a1 = claim(pk, "A", T0.plusSeconds(1));
        jobs.recordRetry(a1, "A", "RECEIVER_HTTP_503", "HTTP 503", T0.plusSeconds(5), T0.plusSeconds(1));
        DeliveryJob a2 = claim(pk, "A", T0.plusSeconds(5));
        jobs.recordDelivered(a2, "A", RK, "DELIVERED", T0.plusSeconds(6));

        DeliveryStatus s = status(pk);
        assertThat(s.events()).extracting(DeliveryStatus.Event::type).containsExactly(
                "RECEIVED", "VALIDATED", "ROUTED", "ATTEMPT", "RETRY_SCHEDULED", "ATTEMPT", "DELIVERED");
        assertThat(s.events()).extracting(DeliveryStatus.Event::at).isSorted();
        assertThat(s.attempts()).isEqualTo(2);
        assertThat(queries.status(987_654L)).isEmpty();
    }

    @Test
    void listFiltersByStateReceiverAndSince() throws Exception {
        long old = acceptances.accept(dossier("ls-old", "00YY", "01AB", "<a>1</a>"), T0, "A", T0).messagePk();
        long other = acceptances.accept(dossier("ls-other", "00YY", "02CD", "<a>2</a>"), T0.plusSeconds(10), "A", T0)
                .messagePk();
        long recent = acceptances.accept(dossier("ls-recent", "00YY", "01AB", "<a>3</a>"), T0.plusSeconds(20), "A", T0)
                .messagePk();
        jobs.recordDelivered(claim(recent, "A", T0.plusSeconds(21)), "A", RK, "DELIVERED", T0.plusSeconds(22));

        assertThat(queries.list(null, null, null, 10)).extracting(DeliveryStatus::messagePk)
                .containsExactly(recent, other, old);
        assertThat(queries.list(DeliveryState.DELIVERED, null, null, 10)).extracting(DeliveryStatus::messagePk)
                .containsExactly(recent);
        assertThat(queries.list(DeliveryState.ACCEPTED, null, null, 10)).extracting(DeliveryStatus::messagePk)
                .containsExactly(other, old);
        assertThat(queries.list(null, "01AB", null, 10)).extracting(DeliveryStatus::messagePk)
                .containsExactly(recent, old);
        assertThat(queries.list(null, null, T0.plusSeconds(10), 10)).extracting(DeliveryStatus::messagePk)
                .containsExactly(recent, other);
        assertThat(queries.list(DeliveryState.ACCEPTED, "01AB", T0.plusSeconds(1), 10)).isEmpty();
        assertThat(queries.list(null, null, null, 1)).extracting(DeliveryStatus::messagePk).containsExactly(recent);
    }

    @Test
    void purgeRemovesOnlyPayloadsOfMessagesDeliveredBeforeTheCutOff() throws Exception {
        long early = accept("pg-early", T0);
        long late = accept("pg-late", T0);
        long failed = accept("pg-failed", T0);
        long waiting = accept("pg-waiting", T0);
        jobs.recordDelivered(claim(early, "A", T0.plusSeconds(1)), "A", RK, "DELIVERED", T0.plusSeconds(10));
        jobs.recordDelivered(claim(late, "A", T0.plusSeconds(1)), "A", RK, "DELIVERED", T0.plusSeconds(100));
        jobs.recordFailed(claim(failed, "A", T0.plusSeconds(1)), "A", "RECEIVER_SOAP_FAULT", "x", T0.plusSeconds(5));

        int purged = retention.purgeDeliveredPayloads(T0.plusSeconds(50), T0.plusSeconds(200));

        assertThat(purged).isEqualTo(1);
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_payload WHERE message_pk = ?", early)).isZero();
        for (long kept : new long[] {late, failed, waiting}) {
            assertThat(count(store, "SELECT COUNT(*) FROM dossier_payload WHERE message_pk = ?", kept)).isEqualTo(1);
        }
        assertThat(StoreTestSupport.string(store, "SELECT payload_purged_at FROM dossier_message WHERE id = ?", early))
                .isNotNull();
        assertThat(status(early).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(retention.purgeDeliveredPayloads(T0.plusSeconds(50), T0.plusSeconds(300))).as("idempotent").isZero();

        assertThat(jobs.resend(early, "ops", "again please", T0.plusSeconds(300))).isFalse();
        assertThat(status(early).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(duePks(T0.plusSeconds(400), 10)).doesNotContain(early);
    }
}
