package org.osogateway.store;

import static org.osogateway.store.SqlValues.instant;
import static org.osogateway.store.SqlValues.odt;
import static org.osogateway.store.SqlValues.truncate;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery job queue: finds due jobs fairly over endpoints, claims them with a lease (so that a job held by
 * a dead process is taken over once its lease has run out), records each attempt's outcome, parks an endpoint's
 * jobs while its circuit is open, and re-sends dead letters. Every state change and its audit events are written
 * in one transaction.
 */
public final class DeliveryJobs {
    private static final String ACTIVE_STATES = "('ACCEPTED','RETRY_WAIT','DELIVERING')";
    // as claim has it: not leased, or an acceptance reserved by the asking instance itself
    private static final String DUE = "state IN " + ACTIVE_STATES
            + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ? OR (state = 'ACCEPTED' AND lease_owner = ?))";
    // the jobs of one endpoint by due time; every endpoint's first job before any endpoint's second
    private static final String FIND_DUE = "SELECT id, endpoint_key FROM (SELECT id, endpoint_key, next_attempt_at, "
            + "ROW_NUMBER() OVER (PARTITION BY endpoint_key ORDER BY next_attempt_at, id) AS turn "
            + "FROM dossier_message WHERE " + DUE + ") due WHERE turn <= ? ORDER BY turn, next_attempt_at, id FETCH FIRST ";
    private static final String CLAIMED = "SELECT m.message_id, m.sender_brin, m.sender_vestiging, m.receiver_brin, "
            + "m.receiver_vestiging, m.requested_routeringskenmerk, m.overdrachtsoort, m.dossier_namespace, m.dossier_sha256, "
            + "m.attempts, m.schedule_attempts_before, m.schedule_started_at, m.endpoint_key, m.dossier_size, p.message_pk";
    private static final String CLAIMED_FROM = " FROM dossier_message m LEFT JOIN dossier_payload p ON p.message_pk = m.id "
            + "WHERE m.id = ?";
    private static final int IN_LIST = 100;

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJobs.class);
    /** last_error_code of a job whose payload cannot be decrypted here (see {@link PayloadCipher}). */
    public static final String PAYLOAD_UNREADABLE = "PAYLOAD_UNREADABLE";
    /** A message whose stored dossier is gone although it was never purged: no attempt can ever deliver it. */
    public static final String PAYLOAD_MISSING = "PAYLOAD_MISSING";

    private final Store store;
    private final DataSource ds;
    private final AuditTrail audit;
    private final PayloadCipher cipher;

    /** Jobs whose payloads are not encrypted (the operator commands, which never read payloads). */
    public DeliveryJobs(Store store, AuditTrail audit) {
        this(store, audit, PayloadCipher.NONE);
    }

    public DeliveryJobs(Store store, AuditTrail audit, PayloadCipher cipher) {
        this.store = store;
        this.ds = store.dataSource();
        this.audit = audit;
        this.cipher = cipher;
    }

    /**
     * Jobs that are due and not leased, round-robin over endpoints: each endpoint's oldest first, then each one's
     * second, and so on, so that a backlog of thousands for one receiver does not hide another's ten. Jobs without
     * an endpoint (accepted before V7) are one group of their own.
     */
    public List<DueJob> findDue(Instant now, int limit) throws SQLException {
        return findDue(now, limit, null);
    }

    /**
     * As {@link #findDue(Instant, int)}, and also the acceptances reserved by {@code owner}: the ones its immediate
     * path could not queue need not wait for their reservation to run out.
     */
    public List<DueJob> findDue(Instant now, int limit, String owner) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(FIND_DUE + limit + " ROWS ONLY")) {
            ps.setObject(1, odt(now));
            ps.setObject(2, odt(now));
            ps.setString(3, owner);
            // a row past the limit-th of its endpoint can never be among the first limit rows
            ps.setInt(4, limit);
            List<DueJob> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new DueJob(rs.getLong(1), rs.getString(2)));
                }
            }
            return due;
        }
    }

    /** The recorded size of a message's dossier while its payload is stored (not purged); empty otherwise. */
    public OptionalLong payloadSize(long pk) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT dossier_size FROM dossier_message WHERE id = ? AND payload_purged_at IS NULL")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** {@link #claim(long, String, Instant, Instant, byte[])} that reads the dossier from the store. */
    public Optional<DeliveryJob> claim(long pk, String owner, Instant now, Instant leaseUntil) throws SQLException {
        return claim(pk, owner, now, leaseUntil, null);
    }

    /**
     * Claims a due job for one attempt: a conditional update, so of several instances (or the
     * immediate path and the poller) exactly one wins. Returns empty when someone else holds it or
     * it is not due. With {@code inMemoryDossier} (the immediate path, which still holds the dossier it
     * just stored) the stored payload is neither read nor decrypted: the job carries those bytes, which
     * must be the message's dossier (its SHA-256 is checked). With null, the dossier is read from the store.
     */
    public Optional<DeliveryJob> claim(long pk, String owner, Instant now, Instant leaseUntil, byte[] inMemoryDossier)
            throws SQLException {
        boolean readBack = inMemoryDossier == null;
        try (Connection c = ds.getConnection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET state = 'DELIVERING', "
                    + "attempts = attempts + 1, lease_owner = ?, lease_until = ? WHERE id = ? AND state IN " + ACTIVE_STATES
                    + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?"
                    + " OR (state = 'ACCEPTED' AND lease_owner = ?))")) {
                ps.setString(1, owner);
                ps.setObject(2, odt(leaseUntil));
                ps.setLong(3, pk);
                ps.setObject(4, odt(now));
                ps.setObject(5, odt(now));
                ps.setString(6, owner);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                return Optional.empty();
            }
            // the attempt is counted on disk before it goes out: a crash cannot make it happen twice under one number
            store.awaitDurable();
            // without a read-back only the payload row's key is selected: a missing row is still seen, cheaply
            try (PreparedStatement ps = c.prepareStatement(CLAIMED + (readBack ? ", p.content, p.key_id" : "")
                    + CLAIMED_FROM)) {
                ps.setLong(1, pk);
                DeliveryJob job;
                PayloadCipher.Sealed stored = null;
                boolean payloadRow;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("message " + pk + " is missing");
                    }
                    int attempts = rs.getInt(10);
                    job = new DeliveryJob(pk, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(13), rs.getString(7),
                            rs.getString(8), rs.getString(9), attempts, attempts - rs.getInt(11), instant(rs, 12),
                            new byte[0]);
                    payloadRow = rs.getObject(15) != null;
                    if (payloadRow && readBack) {
                        String keyId = rs.getString(17);
                        int storedSize = rs.getInt(14) + (keyId == null ? 0 : PayloadCipher.SEALED_OVERHEAD);
                        stored = new PayloadCipher.Sealed(payload(rs, 16, storedSize), keyId);
                    }
                }
                if (!payloadRow) {
                    // Only a store that lost part of a transaction gets here: park it in the dead letter, loudly,
                    // instead of failing the same claim at every poll.
                    LOG.error("message {} ({}): its stored dossier is missing; FAILED with {}", pk, job.messageId(),
                            PAYLOAD_MISSING);
                    recordFailed(job, owner, PAYLOAD_MISSING, "the stored dossier of this message is missing", now);
                    return Optional.empty();
                }
                byte[] dossier;
                if (readBack) {
                    try {
                        dossier = cipher.open(pk, job.senderBrin(), job.messageId(), job.dossierSha256(), stored);
                    } catch (PayloadCipher.UnreadablePayload e) {
                        // no retry can help: the dead letter, until the key is configured and an operator re-sends it
                        LOG.error("message {}: {}", pk, e.getMessage());
                        recordFailed(job, owner, PAYLOAD_UNREADABLE, e.getMessage(), now);
                        return Optional.empty();
                    }
                } else if (sha256(inMemoryDossier).equals(job.dossierSha256())) {
                    dossier = inMemoryDossier;
                } else {
                    // a caller's mistake that must never send one pupil's dossier as another's; the lease runs
                    // out and the poller's claim reads the right one from the store
                    throw new IllegalArgumentException("the in-memory dossier is not the one of message " + pk);
                }
                return Optional.of(new DeliveryJob(job.messagePk(), job.messageId(), job.senderBrin(),
                        job.senderVestiging(), job.receiverBrin(), job.receiverVestiging(),
                        job.requestedRouteringskenmerk(), job.endpointKey(), job.overdrachtsoort(), job.dossierNamespace(),
                        job.dossierSha256(), job.attempt(), job.attemptsInSchedule(), job.scheduleStartedAt(), dossier));
            }
        }
    }

    // Into one array of the recorded size: getBytes grows a buffer by doubling, about three times the dossier.
    private static byte[] payload(ResultSet rs, int column, int size) throws SQLException {
        try (InputStream in = rs.getBinaryStream(column)) {
            byte[] bytes = new byte[size];
            if (in.readNBytes(bytes, 0, size) != size || in.read() != -1) {
                throw new SQLException("payload is not the recorded " + size + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new SQLException("cannot read the payload", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attempt reached the receiver: DELIVERED. */
    public void recordDelivered(DeliveryJob job, String owner, String routeringskenmerk, String outcome, Instant now)
            throws SQLException {
        finish(job, owner, "state = 'DELIVERED', delivered_at = ?, delivered_routeringskenmerk = ?, next_attempt_at = NULL, "
                        + "last_error_code = NULL, last_error_message = NULL",
                List.of(odt(now), routeringskenmerk),
                List.of(attemptEvent(job, owner, now, outcome, "routeringskenmerk " + routeringskenmerk),
                        jobEvent(job, owner, AuditEventType.DELIVERED, now, outcome, "routeringskenmerk " + routeringskenmerk)));
    }

    /** The attempt failed transiently: RETRY_WAIT until {@code nextAttemptAt}. */
    public void recordRetry(DeliveryJob job, String owner, String code, String message, Instant nextAttemptAt, Instant now)
            throws SQLException {
        finish(job, owner, "state = 'RETRY_WAIT', next_attempt_at = ?, last_error_code = ?, last_error_message = ?",
                List.of(odt(nextAttemptAt), code, truncate(message)),
                List.of(attemptEvent(job, owner, now, code, message),
                        jobEvent(job, owner, AuditEventType.RETRY_SCHEDULED, now, code, "next attempt at " + nextAttemptAt)));
    }

    /** No (further) retry: FAILED, the dead letter, until someone re-sends it. */
    public void recordFailed(DeliveryJob job, String owner, String code, String message, Instant now) throws SQLException {
        finish(job, owner, "state = 'FAILED', next_attempt_at = NULL, last_error_code = ?, last_error_message = ?",
                List.of(code, truncate(message)),
                List.of(attemptEvent(job, owner, now, code, message),
                        jobEvent(job, owner, AuditEventType.FAILED, now, code, message)));
    }

    private void finish(DeliveryJob job, String owner, String set, List<Object> params, List<AuditEvent> events)
            throws SQLException {
        boolean recorded = Transactions.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET " + set
                    + ", lease_owner = NULL, lease_until = NULL WHERE id = ? AND state = 'DELIVERING' AND lease_owner = ?")) {
                int i = 1;
                for (Object p : params) {
                    ps.setObject(i++, p);
                }
                ps.setLong(i++, job.messagePk());
                ps.setString(i, owner);
                if (ps.executeUpdate() == 0) {
                    // Our lease ran out and another instance took the job over: its outcome counts.
                    return false;
                }
            }
            audit.append(c, events);
            return true;
        });
        if (recorded) {
            // an outcome, like an acceptance, is on disk before anyone is told: the audit never forgets an attempt
            store.awaitDurable();
            audit.log(events);
        }
    }

    /**
     * Puts a FAILED message back in the queue with a fresh retry schedule; audited with who and why.
     * Returns false when the message is not FAILED (or its payload was purged).
     */
    public boolean resend(long pk, String actor, String reason, Instant now) throws SQLException {
        List<AuditEvent> events = Transactions.inTransaction(ds, c -> {
            String[] ids = DeliveryQueries.identifiers(c, pk);
            if (ids == null) {
                return List.<AuditEvent>of();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET state = 'ACCEPTED', "
                    + "next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, schedule_started_at = ?, "
                    + "schedule_attempts_before = attempts WHERE id = ? AND state = 'FAILED' AND payload_purged_at IS NULL")) {
                ps.setObject(1, odt(now));
                ps.setObject(2, odt(now));
                ps.setLong(3, pk);
                if (ps.executeUpdate() == 0) {
                    return List.<AuditEvent>of();
                }
            }
            List<AuditEvent> resent = List.of(new AuditEvent(pk, ids[0], ids[1], ids[2], AuditEventType.RESENT, now,
                    null, null, reason, null, null, actor, null));
            audit.append(c, resent);
            return resent;
        });
        audit.log(events);
        return !events.isEmpty();
    }

    /**
     * Parks jobs of an endpoint whose circuit is open, without an attempt: each of {@code pks} that is ACCEPTED or
     * RETRY_WAIT and not leased by another instance (no lease, an expired one, or an acceptance reserved by
     * {@code owner}) becomes RETRY_WAIT until {@code until} with {@code code} and {@code message} as its last
     * error, its lease cleared, its attempts unchanged, and its endpoint_key set to {@code endpointKey} (so that
     * {@link #unpark} finds it, also a job accepted before V7). One PARKED audit event per parked job, by
     * "instance owner"; all in one transaction. Returns how many were parked.
     */
    public int park(String endpointKey, Collection<Long> pks, String owner, Instant until, String code, String message,
                    Instant now) throws SQLException {
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(pks));
        if (distinct.isEmpty()) {
            return 0;
        }
        String detail = truncate(message);
        List<AuditEvent> events = Transactions.inTransaction(ds, c -> {
            List<Long> parked = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET state = 'RETRY_WAIT', "
                    + "endpoint_key = ?, next_attempt_at = ?, last_error_code = ?, last_error_message = ?, "
                    + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND state IN ('ACCEPTED','RETRY_WAIT') "
                    + "AND (lease_until IS NULL OR lease_until < ? OR (state = 'ACCEPTED' AND lease_owner = ?))")) {
                for (long pk : distinct) {
                    ps.setString(1, endpointKey);
                    ps.setObject(2, odt(until));
                    ps.setString(3, code);
                    ps.setString(4, detail);
                    ps.setLong(5, pk);
                    ps.setObject(6, odt(now));
                    ps.setString(7, owner);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        parked.add(distinct.get(i));
                    }
                }
            }
            List<AuditEvent> parkedEvents = new ArrayList<>(parked.size());
            for (int from = 0; from < parked.size(); from += IN_LIST) {
                List<Long> chunk = parked.subList(from, Math.min(parked.size(), from + IN_LIST));
                try (PreparedStatement ps = c.prepareStatement("SELECT id, message_id, sender_brin, receiver_brin "
                        + "FROM dossier_message WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?) ORDER BY id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            parkedEvents.add(new AuditEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), AuditEventType.PARKED, now, null, code, detail, null, null,
                                    AuditEvent.instanceActor(owner), null));
                        }
                    }
                }
            }
            audit.append(c, parkedEvents);
            return parkedEvents;
        });
        if (!events.isEmpty()) {
            store.awaitDurable();
            audit.log(events);
        }
        return events.size();
    }

    /**
     * The endpoint's circuit closed: its jobs parked with {@code code} (RETRY_WAIT, last error {@code code}, next
     * attempt still ahead) become due now instead of at the old probe time. No attempt is counted. Returns how many.
     */
    public int unpark(String endpointKey, String code, Instant now) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET next_attempt_at = ? WHERE endpoint_key = ? "
                     + "AND state = 'RETRY_WAIT' AND last_error_code = ? AND next_attempt_at > ?")) {
            c.setAutoCommit(true);
            ps.setObject(1, odt(now));
            ps.setString(2, endpointKey);
            ps.setString(3, code);
            ps.setObject(4, odt(now));
            return ps.executeUpdate();
        }
    }

    /** The registry now routes the message elsewhere: its job is queued for {@code endpointKey}. False when unknown. */
    public boolean reroute(long pk, String endpointKey) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET endpoint_key = ? WHERE id = ?")) {
            c.setAutoCommit(true);
            ps.setString(1, endpointKey);
            ps.setLong(2, pk);
            return ps.executeUpdate() > 0;
        }
    }

    private static AuditEvent attemptEvent(DeliveryJob job, String owner, Instant at, String outcome, String detail) {
        return new AuditEvent(job.messagePk(), job.messageId(), job.senderBrin(), job.receiverBrin(), AuditEventType.ATTEMPT,
                at, job.attempt(), outcome, detail, job.canonicalDossier().length, job.dossierSha256(),
                AuditEvent.instanceActor(owner), null);
    }

    private static AuditEvent jobEvent(DeliveryJob job, String owner, AuditEventType type, Instant at, String outcome,
                                       String detail) {
        return new AuditEvent(job.messagePk(), job.messageId(), job.senderBrin(), job.receiverBrin(), type, at, job.attempt(),
                outcome, detail, null, null, AuditEvent.instanceActor(owner), null);
    }
}
