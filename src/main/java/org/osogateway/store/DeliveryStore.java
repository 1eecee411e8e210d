package org.osogateway.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.audit.AuditTrail;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable store of dossier messages and their delivery jobs. Every state change and its audit
 * events are written in one transaction; jobs are claimed with a lease so that a job held by a
 * dead process is taken over once its lease has run out.
 */
public final class DeliveryStore {
    private static final String ACTIVE_STATES = "('ACCEPTED','RETRY_WAIT','DELIVERING')";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);
    /** last_error_code of a job whose payload cannot be decrypted here (see {@link PayloadCipher}). */
    public static final String PAYLOAD_UNREADABLE = "PAYLOAD_UNREADABLE";
    /** A message whose stored dossier is gone although it was never purged: no attempt can ever deliver it. */
    public static final String PAYLOAD_MISSING = "PAYLOAD_MISSING";

    private final Store store;
    private final DataSource ds;
    private final AuditTrail audit;
    private final PayloadCipher cipher;

    /** A store whose payloads are not encrypted (the operator commands, which never read payloads). */
    public DeliveryStore(Store store, AuditTrail audit) {
        this(store, audit, PayloadCipher.NONE);
    }

    public DeliveryStore(Store store, AuditTrail audit, PayloadCipher cipher) {
        this.store = store;
        this.ds = store.dataSource();
        this.audit = audit;
        this.cipher = cipher;
    }

    /**
     * Stores the dossier, its delivery job and the intake audit events in one transaction, waits
     * until that is on disk, and only then returns. The job is reserved for immediate delivery by
     * {@code owner} until {@code reservedUntil}; after that any instance may claim it.
     */
    public Acceptance accept(NewDossier d, Instant now, String owner, Instant reservedUntil) throws SQLException {
        for (int tries = 0; ; tries++) {
            Optional<Acceptance> earlier = findEarlier(d, now);
            if (earlier.isPresent()) {
                // The original may have committed but not yet reached the disk: never answer before it has.
                store.awaitDurable();
                return earlier.get();
            }
            try {
                Acceptance a = insert(d, now, owner, reservedUntil);
                store.awaitDurable();
                return a;
            } catch (SQLException e) {
                // A concurrent request with the same messageId won the insert: answer as for a repeat.
                if (tries == 0 && isUniqueViolation(e)) {
                    continue;
                }
                throw e;
            }
        }
    }

    private Optional<Acceptance> findEarlier(NewDossier d, Instant now) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, accepted_at, dossier_sha256, receiver_brin, "
                     + "receiver_vestiging, overdrachtsoort, authenticated_oin FROM dossier_message "
                     + "WHERE sender_brin = ? AND message_id = ?")) {
            ps.setString(1, d.senderBrin());
            ps.setString(2, d.messageId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long pk = rs.getLong(1);
                Instant acceptedAt = instant(rs, 2);
                String sha = rs.getString(3);
                if (!eq(rs.getString(7), d.authenticatedOin())) {
                    // another supplier's message for the same school: say nothing about it, not even when
                    throw new GatewayException(GatewayErrorCode.MESSAGE_ID_CONFLICT, "messageId '" + d.messageId()
                            + "' was already used for sender " + d.senderBrin() + "; use a new messageId");
                }
                boolean sameDossier = sha.equals(d.dossierSha256());
                boolean sameEnvelope = rs.getString(4).equals(d.receiverBrin())
                        && eq(rs.getString(5), d.receiverVestiging())
                        && rs.getString(6).equals(d.overdrachtsoort());
                if (!sameDossier || !sameEnvelope) {
                    throw new GatewayException(GatewayErrorCode.MESSAGE_ID_CONFLICT, "messageId '" + d.messageId()
                            + "' was already used by sender " + d.senderBrin() + " for a different "
                            + (sameDossier ? "receiver or overdrachtsoort" : "dossier")
                            + " (accepted at " + acceptedAt + "); use a new messageId");
                }
                List<AuditEvent> events = List.of(event(pk, d, AuditEventType.DUPLICATE, now, null, null,
                        "repeat of the message accepted at " + acceptedAt, d.correlationId()));
                c.setAutoCommit(true);
                audit.append(c, events);
                audit.log(events);
                return Optional.of(new Acceptance(pk, true, acceptedAt, sha));
            }
        }
    }

    private Acceptance insert(NewDossier d, Instant now, String owner, Instant reservedUntil) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long pk;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO dossier_message (message_id, sender_brin, "
                        + "sender_vestiging, sender_supplier_oin, authenticated_oin, receiver_brin, receiver_vestiging, "
                        + "requested_routeringskenmerk, overdrachtsoort, dossier_namespace, dossier_sha256, dossier_size, "
                        + "accepted_at, correlation_id, state, attempts, next_attempt_at, lease_owner, lease_until, "
                        + "schedule_started_at, schedule_attempts_before) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'ACCEPTED',0,?,?,?,?,0)", new String[] {"id"})) {
                    int i = 0;
                    ps.setString(++i, d.messageId());
                    ps.setString(++i, d.senderBrin());
                    ps.setString(++i, d.senderVestiging());
                    ps.setString(++i, d.senderSupplierOin());
                    ps.setString(++i, d.authenticatedOin());
                    ps.setString(++i, d.receiverBrin());
                    ps.setString(++i, d.receiverVestiging());
                    ps.setString(++i, d.requestedRouteringskenmerk());
                    ps.setString(++i, d.overdrachtsoort());
                    ps.setString(++i, d.dossierNamespace());
                    ps.setString(++i, d.dossierSha256());
                    ps.setInt(++i, d.canonicalDossier().length);
                    ps.setObject(++i, odt(now));
                    ps.setString(++i, d.correlationId());
                    ps.setObject(++i, odt(now));
                    ps.setString(++i, owner);
                    ps.setObject(++i, odt(reservedUntil));
                    ps.setObject(++i, odt(now));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        pk = keys.getLong(1);
                    }
                }
                PayloadCipher.Sealed payload = cipher.seal(pk, d.senderBrin(), d.messageId(), d.dossierSha256(),
                        d.canonicalDossier());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO dossier_payload (message_pk, content, key_id) VALUES (?,?,?)")) {
                    ps.setLong(1, pk);
                    // a stream: setBytes would first clone the (up to 20 MiB) array
                    ps.setBinaryStream(2, new ByteArrayInputStream(payload.content()), payload.content().length);
                    ps.setString(3, payload.keyId());
                    ps.executeUpdate();
                }
                List<AuditEvent> events = List.of(
                        new AuditEvent(pk, d.messageId(), d.senderBrin(), d.receiverBrin(), AuditEventType.RECEIVED, now,
                                null, null, "overdrachtsoort " + d.overdrachtsoort(), d.canonicalDossier().length,
                                d.dossierSha256(), actor(d), d.correlationId()),
                        event(pk, d, AuditEventType.VALIDATED, now, null, null, d.validationDetail(), d.correlationId()),
                        event(pk, d, AuditEventType.ROUTED, now, null, null, d.routedTo(), d.correlationId()));
                audit.append(c, events);
                c.commit();
                audit.log(events);
                return new Acceptance(pk, false, now, d.dossierSha256());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Ids of jobs that are due and not leased, oldest first. */
    public List<Long> findDue(Instant now, int limit) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM dossier_message WHERE state IN " + ACTIVE_STATES
                     + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at"
                     + " FETCH FIRST " + limit + " ROWS ONLY")) {
            ps.setObject(1, odt(now));
            ps.setObject(2, odt(now));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /**
     * Claims a due job for one attempt: a conditional update, so of several instances (or the
     * immediate path and the poller) exactly one wins. Returns empty when someone else holds it or
     * it is not due.
     */
    public Optional<DeliveryJob> claim(long pk, String owner, Instant now, Instant leaseUntil) throws SQLException {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT m.message_id, m.sender_brin, m.sender_vestiging, "
                    + "m.receiver_brin, m.receiver_vestiging, m.requested_routeringskenmerk, m.overdrachtsoort, "
                    + "m.dossier_namespace, m.dossier_sha256, m.attempts, m.schedule_attempts_before, "
                    + "m.schedule_started_at, p.content, p.key_id, m.dossier_size, p.message_pk FROM dossier_message m "
                    + "LEFT JOIN dossier_payload p ON p.message_pk = m.id WHERE m.id = ?")) {
                ps.setLong(1, pk);
                DeliveryJob job;
                PayloadCipher.Sealed stored;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("message " + pk + " is missing");
                    }
                    int attempts = rs.getInt(10);
                    job = new DeliveryJob(pk, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), attempts, attempts - rs.getInt(11), instant(rs, 12), new byte[0]);
                    String keyId = rs.getString(14);
                    if (rs.getObject(16) == null) {
                        stored = null;
                    } else {
                        int storedSize = rs.getInt(15) + (keyId == null ? 0 : PayloadCipher.SEALED_OVERHEAD);
                        stored = new PayloadCipher.Sealed(payload(rs, 13, storedSize), keyId);
                    }
                }
                if (stored == null) {
                    // Only a store that lost part of a transaction gets here: park it in the dead letter, loudly,
                    // instead of failing the same claim at every poll.
                    LOG.error("message {} ({}): its stored dossier is missing; FAILED with {}", pk, job.messageId(),
                            PAYLOAD_MISSING);
                    recordFailed(job, owner, PAYLOAD_MISSING, "the stored dossier of this message is missing", now);
                    return Optional.empty();
                }
                try {
                    byte[] dossier = cipher.open(pk, job.senderBrin(), job.messageId(), job.dossierSha256(), stored);
                    return Optional.of(new DeliveryJob(job.messagePk(), job.messageId(), job.senderBrin(),
                            job.senderVestiging(), job.receiverBrin(), job.receiverVestiging(),
                            job.requestedRouteringskenmerk(), job.overdrachtsoort(), job.dossierNamespace(),
                            job.dossierSha256(), job.attempt(), job.attemptsInSchedule(), job.scheduleStartedAt(), dossier));
                } catch (PayloadCipher.UnreadablePayload e) {
                    // no retry can help: the dead letter, until the key is configured and an operator re-sends it
                    LOG.error("message {}: {}", pk, e.getMessage());
                    recordFailed(job, owner, PAYLOAD_UNREADABLE, e.getMessage(), now);
                    return Optional.empty();
                }
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

    /** The attempt reached the receiver: DELIVERED. */
    public void recordDelivered(DeliveryJob job, String owner, String routeringskenmerk, String outcome, Instant now)
            throws SQLException {
        finish(job, owner, "state = 'DELIVERED', delivered_at = ?, delivered_routeringskenmerk = ?, next_attempt_at = NULL, "
                        + "last_error_code = NULL, last_error_message = NULL",
                List.of(odt(now), routeringskenmerk),
                List.of(attemptEvent(job, now, outcome, "routeringskenmerk " + routeringskenmerk),
                        jobEvent(job, AuditEventType.DELIVERED, now, job.attempt(), outcome, "routeringskenmerk " + routeringskenmerk)));
    }

    /** The attempt failed transiently: RETRY_WAIT until {@code nextAttemptAt}. */
    public void recordRetry(DeliveryJob job, String owner, String code, String message, Instant nextAttemptAt, Instant now)
            throws SQLException {
        finish(job, owner, "state = 'RETRY_WAIT', next_attempt_at = ?, last_error_code = ?, last_error_message = ?",
                List.of(odt(nextAttemptAt), code, truncate(message)),
                List.of(attemptEvent(job, now, code, message),
                        jobEvent(job, AuditEventType.RETRY_SCHEDULED, now, job.attempt(), code, "next attempt at " + nextAttemptAt)));
    }

    /** No (further) retry: FAILED, the dead letter, until someone re-sends it. */
    public void recordFailed(DeliveryJob job, String owner, String code, String message, Instant now) throws SQLException {
        finish(job, owner, "state = 'FAILED', next_attempt_at = NULL, last_error_code = ?, last_error_message = ?",
                List.of(code, truncate(message)),
                List.of(attemptEvent(job, now, code, message),
                        jobEvent(job, AuditEventType.FAILED, now, job.attempt(), code, message)));
    }

    private void finish(DeliveryJob job, String owner, String set, List<Object> params, List<AuditEvent> events)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
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
                        c.rollback();
                        return;
                    }
                }
                audit.append(c, events);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        // an outcome, like an acceptance, is on disk before anyone is told: the audit never forgets an attempt
        store.awaitDurable();
        audit.log(events);
    }

    /**
     * Puts a FAILED message back in the queue with a fresh retry schedule; audited with who and why.
     * Returns false when the message is not FAILED (or its payload was purged).
     */
    public boolean resend(long pk, String actor, String reason, Instant now) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                String[] ids = identifiers(c, pk);
                if (ids == null) {
                    c.rollback();
                    return false;
                }
                int n;
                try (PreparedStatement ps = c.prepareStatement("UPDATE dossier_message SET state = 'ACCEPTED', "
                        + "next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, schedule_started_at = ?, "
                        + "schedule_attempts_before = attempts WHERE id = ? AND state = 'FAILED' AND payload_purged_at IS NULL")) {
                    ps.setObject(1, odt(now));
                    ps.setObject(2, odt(now));
                    ps.setLong(3, pk);
                    n = ps.executeUpdate();
                }
                if (n == 0) {
                    c.rollback();
                    return false;
                }
                List<AuditEvent> events = List.of(new AuditEvent(pk, ids[0], ids[1], ids[2], AuditEventType.RESENT, now,
                        null, null, reason, null, null, actor, null));
                audit.append(c, events);
                c.commit();
                audit.log(events);
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String[] identifiers(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_id, sender_brin, receiver_brin FROM dossier_message WHERE id = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }

    /** The audited actor of an intake: the authenticated supplier, when the caller had a client certificate. */
    private static String actor(NewDossier d) {
        return AuditEvent.supplierActor(d.authenticatedOin());
    }

    /**
     * The internal id of a sender's message as one caller may see it: only when the caller's authenticated OIN
     * (null for a caller without a client certificate) is the one that sent it. Anything else is "not there".
     */
    public Optional<Long> findPkFor(String senderBrin, String messageId, String callerOin) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, authenticated_oin FROM dossier_message WHERE sender_brin = ? AND message_id = ?")) {
            ps.setString(1, senderBrin);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && eq(rs.getString(2), callerOin) ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The internal id of a sender's message, if any. */
    public Optional<Long> findPk(String senderBrin, String messageId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM dossier_message WHERE sender_brin = ? AND message_id = ?")) {
            ps.setString(1, senderBrin);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** State, attempts and events of one message. */
    public Optional<DeliveryStatus> status(long pk) throws SQLException {
        try (Connection c = ds.getConnection()) {
            DeliveryStatus base;
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, sender_brin, receiver_brin, state, attempts, "
                    + "accepted_at, next_attempt_at, last_error_code, last_error_message FROM dossier_message WHERE id = ?")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    DeliveryState state = DeliveryState.valueOf(rs.getString(4));
                    base = new DeliveryStatus(pk, rs.getString(1), rs.getString(2), rs.getString(3), state, rs.getInt(5),
                            instant(rs, 6), state == DeliveryState.RETRY_WAIT || state == DeliveryState.ACCEPTED
                                    ? instant(rs, 7) : null,
                            rs.getString(8), rs.getString(9), List.of());
                }
            }
            List<DeliveryStatus.Event> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, event_type, detail FROM audit_event WHERE message_pk = ? ORDER BY id")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new DeliveryStatus.Event(instant(rs, 1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return Optional.of(new DeliveryStatus(base.messagePk(), base.messageId(), base.senderBrin(), base.receiverBrin(),
                    base.state(), base.attempts(), base.acceptedAt(), base.nextAttemptAt(), base.lastErrorCode(),
                    base.lastErrorMessage(), List.copyOf(events)));
        }
    }

    /** Messages for the operator's list, newest first. Any filter may be null. */
    public List<DeliveryStatus> list(DeliveryState state, String receiverBrin, Instant since, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, message_id, sender_brin, receiver_brin, state, attempts, accepted_at, "
                + "next_attempt_at, last_error_code, last_error_message FROM dossier_message WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.name());
        }
        if (receiverBrin != null) {
            sql.append(" AND receiver_brin = ?");
            params.add(receiverBrin);
        }
        if (since != null) {
            sql.append(" AND accepted_at >= ?");
            params.add(odt(since));
        }
        sql.append(" ORDER BY accepted_at DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<DeliveryStatus> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeliveryStatus(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            DeliveryState.valueOf(rs.getString(5)), rs.getInt(6), instant(rs, 7), instant(rs, 8),
                            rs.getString(9), rs.getString(10), List.of()));
                }
            }
            return out;
        }
    }

    /** Appends audit events that belong to no stored message, such as a refused request. */
    public void auditOnly(List<AuditEvent> events) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            audit.append(c, events);
        }
        audit.log(events);
    }

    /** Deletes the dossier bytes of messages delivered before {@code deliveredBefore}; returns how many. */
    public int purgeDeliveredPayloads(Instant deliveredBefore, Instant now) throws SQLException {
        int purged = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> pks = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM dossier_message WHERE state = 'DELIVERED' "
                        + "AND payload_purged_at IS NULL AND delivered_at < ? FETCH FIRST 1000 ROWS ONLY")) {
                    ps.setObject(1, odt(deliveredBefore));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            pks.add(rs.getLong(1));
                        }
                    }
                }
                List<AuditEvent> events = new ArrayList<>();
                for (long pk : pks) {
                    String[] ids = identifiers(c, pk);
                    events.add(new AuditEvent(pk, ids[0], ids[1], ids[2], AuditEventType.PAYLOAD_PURGED, now, null, null,
                            "retention passed", null, null, null, null));
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM dossier_payload WHERE message_pk = ?");
                     PreparedStatement mark = c.prepareStatement(
                             "UPDATE dossier_message SET payload_purged_at = ? WHERE id = ?")) {
                    for (long pk : pks) {
                        del.setLong(1, pk);
                        del.addBatch();
                        mark.setObject(1, odt(now));
                        mark.setLong(2, pk);
                        mark.addBatch();
                        purged++;
                    }
                    del.executeBatch();
                    mark.executeBatch();
                }
                audit.append(c, events);
                c.commit();
                audit.log(events);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return purged;
    }

    private static AuditEvent event(long pk, NewDossier d, AuditEventType type, Instant at, Integer attempt, String outcome,
                                    String detail, String correlationId) {
        return new AuditEvent(pk, d.messageId(), d.senderBrin(), d.receiverBrin(), type, at, attempt, outcome, detail,
                null, null, actor(d), correlationId);
    }

    private static AuditEvent attemptEvent(DeliveryJob job, Instant at, String outcome, String detail) {
        return new AuditEvent(job.messagePk(), job.messageId(), job.senderBrin(), job.receiverBrin(), AuditEventType.ATTEMPT,
                at, job.attempt(), outcome, detail, job.canonicalDossier().length, job.dossierSha256(), null, null);
    }

    private static AuditEvent jobEvent(DeliveryJob job, AuditEventType type, Instant at, Integer attempt, String outcome,
                                       String detail) {
        return new AuditEvent(job.messagePk(), job.messageId(), job.senderBrin(), job.receiverBrin(), type, at, attempt,
                outcome, detail, null, null, null, null);
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state);
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

}
