package org.osogateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.audit.AuditTrail;
import org.osogateway.store.AcceptanceStore;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.DeliveryJob;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.PayloadCipher;
import org.osogateway.store.Store;
import org.osogateway.store.StoreTestSupport;
import org.osogateway.support.MutableClock;

/**
 * The status page's queries on every supported database, with messages put in through the store's own API at
 * known instants: counts per UTC minute inside the window only, totals per state, failing receivers most failing
 * first, and a dead letter of FAILED messages without any dossier content.
 */
abstract class FlowQueriesContract {
    static final String A = "000000070000AAAA0001";
    static final String B = "000000070000BBBB0001";
    static final String C = "000000070000CCCC0001";
    static final String D = "000000070000DDDD0001";
    static final String E = "000000070000EEEE0001";
    static final String OWNER = "gw-1";
    /** Synthetic, but stands for pupil data: it must never reach the status page. */
    static final String CONTENT_MARKER = "leerling-Jansen-BSN-999999990";
    /** 5 h 45 min off UTC: a minute or date taken in the session's zone instead of UTC shows up in every count. */
    static final TimeZone SESSION_ZONE = TimeZone.getTimeZone("Asia/Kathmandu");

    Store store;
    AcceptanceStore acceptances;
    DeliveryJobs jobs;
    FlowQueries queries;
    private TimeZone jvmZone;

    /** A migrated, empty store of its own. */
    abstract Store openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        // H2 and the PostgreSQL driver both take the session's time zone from the JVM's when connecting
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(SESSION_ZONE);
        store = openStore();
        AuditTrail audit = new AuditTrail();
        acceptances = new AcceptanceStore(store, audit, PayloadCipher.NONE);
        jobs = new DeliveryJobs(store, audit);
        queries = new FlowQueries(store);
    }

    @AfterEach
    void close() {
        try {
            store.close();
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    static Instant at(String utcTime) {
        return Instant.parse("2025-03-03T" + utcTime + "Z");
    }

    private long accept(String messageId, String endpoint, Instant at) throws Exception {
        String content = "<dossier xmlns=\"urn:x\"><id>" + messageId + "</id><naam>" + CONTENT_MARKER + "</naam></dossier>";
        return acceptances.accept(StoreTestSupport.dossier(messageId, "00YY", "01AB", content, null, endpoint), at,
                OWNER, at).messagePk();
    }

    private DeliveryJob claim(long pk, Instant at) throws Exception {
        return jobs.claim(pk, OWNER, at, at.plusSeconds(60)).orElseThrow();
    }

    private long delivered(String messageId, String endpoint, Instant acceptedAt, Instant deliveredAt) throws Exception {
        long pk = accept(messageId, endpoint, acceptedAt);
        jobs.recordDelivered(claim(pk, deliveredAt), OWNER, endpoint, "DELIVERED", deliveredAt);
        return pk;
    }

    private long retrying(String messageId, String endpoint, Instant at, String code) throws Exception {
        long pk = accept(messageId, endpoint, at);
        jobs.recordRetry(claim(pk, at), OWNER, code, "receiver said no: " + CONTENT_MARKER, at.plusSeconds(300), at);
        return pk;
    }

    private long failed(String messageId, String endpoint, Instant at, String code) throws Exception {
        long pk = accept(messageId, endpoint, at);
        jobs.recordFailed(claim(pk, at), OWNER, code, "receiver rejected " + CONTENT_MARKER, at);
        return pk;
    }

    @Test
    void eachMessageCountsInItsUtcMinuteAndEmptyMinutesAreZero() throws Exception {
        accept("m-first", A, at("09:06:00"));
        accept("m-8a", A, at("09:08:00.001"));
        accept("m-8b", B, at("09:08:31"));
        delivered("m-8c", A, at("09:08:59.999"), at("09:08:59.999"));
        delivered("m-10", B, at("09:07:10"), at("09:10:59.999"));

        assertThat(queries.perMinute(at("09:10:30"), 5)).containsExactly(
                new MinuteCount(at("09:06:00"), 1, 0),
                new MinuteCount(at("09:07:00"), 1, 0),
                new MinuteCount(at("09:08:00"), 3, 1),
                new MinuteCount(at("09:09:00"), 0, 0),
                new MinuteCount(at("09:10:00"), 0, 1));
    }

    @Test
    void countsOutsideTheWindowAreLeftOutAndTheWindowMovesWithTheClock() throws Exception {
        MutableClock clock = new MutableClock(at("09:10:30"));
        accept("before", A, at("09:05:59.999"));
        accept("first", A, at("09:06:00"));
        accept("last", A, at("09:10:59.999"));
        accept("after", A, at("09:11:00"));
        delivered("late", A, at("09:10:00"), at("09:11:00"));

        assertThat(queries.perMinute(clock.instant(), 5)).extracting(MinuteCount::minute, MinuteCount::accepted,
                        MinuteCount::delivered)
                .containsExactly(
                        tuple(at("09:06:00"), 1L, 0L),
                        tuple(at("09:07:00"), 0L, 0L),
                        tuple(at("09:08:00"), 0L, 0L),
                        tuple(at("09:09:00"), 0L, 0L),
                        tuple(at("09:10:00"), 2L, 0L));

        clock.advance(Duration.ofMinutes(1));

        assertThat(queries.perMinute(clock.instant(), 5)).as("09:06 dropped out, 09:11 came in")
                .containsExactly(
                        new MinuteCount(at("09:07:00"), 0, 0),
                        new MinuteCount(at("09:08:00"), 0, 0),
                        new MinuteCount(at("09:09:00"), 0, 0),
                        new MinuteCount(at("09:10:00"), 2, 0),
                        new MinuteCount(at("09:11:00"), 1, 1));
    }

    @Test
    void theMinutesAreUtcAcrossMidnightWhateverTheSessionTimeZone() throws Exception {
        assertThat(TimeZone.getDefault().getRawOffset()).as("the test runs off UTC").isNotZero();
        Instant lastOfDay = Instant.parse("2025-03-03T23:59:59.999Z");
        Instant firstOfNext = Instant.parse("2025-03-04T00:00:00Z");
        accept("night-1", A, lastOfDay);
        accept("night-2", A, firstOfNext);
        delivered("night-3", A, lastOfDay, firstOfNext.plusSeconds(59));

        assertThat(queries.perMinute(firstOfNext.plusSeconds(30), 3)).containsExactly(
                new MinuteCount(Instant.parse("2025-03-03T23:58:00Z"), 0, 0),
                new MinuteCount(Instant.parse("2025-03-03T23:59:00Z"), 2, 0),
                new MinuteCount(firstOfNext, 1, 1));
    }

    @Test
    void totalsCountEveryStateAndShowZeroForNone() throws Exception {
        accept("t-acc-1", A, at("09:00:00"));
        accept("t-acc-2", A, at("09:00:01"));
        delivered("t-del-1", A, at("09:00:02"), at("09:00:03"));
        delivered("t-del-2", B, at("09:00:04"), at("09:00:05"));
        delivered("t-del-3", B, at("09:00:06"), at("09:00:07"));
        retrying("t-retry", A, at("09:00:08"), "RECEIVER_HTTP_503");
        failed("t-fail", A, at("09:00:09"), "RECEIVER_SOAP_FAULT");

        assertThat(queries.totals()).containsExactlyInAnyOrderEntriesOf(Map.of(
                DeliveryState.ACCEPTED, 2L, DeliveryState.DELIVERING, 0L, DeliveryState.RETRY_WAIT, 1L,
                DeliveryState.DELIVERED, 3L, DeliveryState.FAILED, 1L));

        claim(accept("t-busy", A, at("09:00:10")), at("09:00:10"));
        assertThat(queries.totals()).containsEntry(DeliveryState.DELIVERING, 1L).containsEntry(DeliveryState.ACCEPTED, 2L);
    }

    @Test
    void failingReceiversComeMostFailuresFirstWithTheirCommonErrorAndCircuit() throws Exception {
        Instant now = at("10:00:00");
        CircuitStates circuits = new CircuitStates(store);
        retrying("f-a1", A, at("09:01:00"), "RECEIVER_HTTP_503");
        failed("f-b1", B, at("09:02:00"), "RECEIVER_SOAP_FAULT");
        failed("f-b2", B, at("09:02:01"), "RECEIVER_SOAP_FAULT");
        retrying("f-b3", B, at("09:02:02"), "RECEIVER_TIMEOUT");
        failed("f-c1", C, at("09:03:00"), "RECEIVER_TLS");
        circuits.record(C, "gw-1", CircuitStates.OPEN, now.plusSeconds(30), now.minusSeconds(60));
        // two instances with C's circuit open: the earlier probe is the one that counts
        circuits.record(C, "gw-2", CircuitStates.OPEN, now.plusSeconds(90), now.minusSeconds(30));
        delivered("f-d1", D, at("09:04:00"), at("09:04:01"));
        circuits.record(D, "gw-1", CircuitStates.CLOSED, null, now.minusSeconds(60));
        circuits.record(E, "gw-2", CircuitStates.HALF_OPEN, null, now.minusSeconds(10));
        failed("f-old", null, at("09:05:00"), "RECEIVER_HTTP_500");
        // an open circuit not re-recorded for two hours is of an instance that is gone
        circuits.record(A, "gw-gone", CircuitStates.OPEN, now.minusSeconds(7200), now.minusSeconds(7200));

        assertThat(queries.failingReceivers(now, 10)).containsExactly(
                new FailingReceiver(B, 1, 2, "RECEIVER_SOAP_FAULT", null),
                new FailingReceiver(C, 0, 1, "RECEIVER_TLS", CircuitStates.OPEN, now.plusSeconds(30)),
                new FailingReceiver(FlowQueries.NO_ENDPOINT, 0, 1, "RECEIVER_HTTP_500", null),
                new FailingReceiver(A, 1, 0, "RECEIVER_HTTP_503", null),
                new FailingReceiver(E, 0, 0, null, CircuitStates.HALF_OPEN));
        assertThat(queries.failingReceivers(now, 2)).extracting(FailingReceiver::endpoint).containsExactly(B, C);
    }

    @Test
    void theDeadLetterListsOnlyFailedMessagesNewestFirstAndNoContent() throws Exception {
        long oldest = failed("dl-1", A, at("09:01:00"), "RECEIVER_SOAP_FAULT");
        long middle = failed("dl-2", B, at("09:02:00"), "RECEIVER_TLS");
        long newest = failed("dl-3", null, at("09:03:00"), "RECEIVER_HTTP_500");
        long waiting = retrying("dl-retry", A, at("09:04:00"), "RECEIVER_HTTP_503");
        long done = delivered("dl-done", A, at("09:05:00"), at("09:05:01"));

        DeadLetter deadLetter = queries.deadLetter(2);

        assertThat(deadLetter.total()).isEqualTo(3);
        assertThat(deadLetter.entries()).containsExactly(
                new DeadLetter.Entry(newest, "dl-3", "00YY", "01AB", null, 1, at("09:03:00"), "RECEIVER_HTTP_500", true),
                new DeadLetter.Entry(middle, "dl-2", "00YY", "01AB", B, 1, at("09:02:00"), "RECEIVER_TLS", true));
        assertThat(queries.deadLetter(10).entries()).extracting(DeadLetter.Entry::messagePk)
                .containsExactly(newest, middle, oldest);
        assertThat(queries.deadLetterEntry(oldest)).hasValueSatisfying(e -> assertThat(e.messageId()).isEqualTo("dl-1"));
        assertThat(queries.deadLetterEntry(waiting)).isEmpty();
        assertThat(queries.deadLetterEntry(done)).isEmpty();
        // neither the dossier nor the error's text (which may quote it) is read for the page
        assertThat(String.valueOf(queries.deadLetter(10))).doesNotContain(CONTENT_MARKER, "rejected");
    }
}
