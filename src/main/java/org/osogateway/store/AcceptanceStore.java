package org.osogateway.store;

import static org.osogateway.store.SqlValues.eq;
import static org.osogateway.store.SqlValues.instant;
import static org.osogateway.store.SqlValues.odt;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.audit.AuditTrail;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * Acceptances: stores a dossier, its delivery job and the intake audit in one transaction (or answers a
 * repeat as DUPLICATE), and audits refusals that belong to no stored message.
 */
public final class AcceptanceStore {
    private final Store store;
    private final DataSource ds;
    private final AuditTrail audit;
    private final PayloadCipher cipher;

    public AcceptanceStore(Store store, AuditTrail audit, PayloadCipher cipher) {
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
                if (tries == 0 && SqlValues.isUniqueViolation(e)) {
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
                List<AuditEvent> events = List.of(event(pk, d, AuditEventType.DUPLICATE, now,
                        "repeat of the message accepted at " + acceptedAt));
                c.setAutoCommit(true);
                audit.append(c, events);
                audit.log(events);
                return Optional.of(new Acceptance(pk, true, acceptedAt, sha));
            }
        }
    }

    private Acceptance insert(NewDossier d, Instant now, String owner, Instant reservedUntil) throws SQLException {
        List<AuditEvent> events = Transactions.inTransaction(ds, c -> {
            long pk;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dossier_message (message_id, sender_brin, "
                    + "sender_vestiging, sender_supplier_oin, authenticated_oin, receiver_brin, receiver_vestiging, "
                    + "requested_routeringskenmerk, endpoint_key, overdrachtsoort, dossier_namespace, dossier_sha256, "
                    + "dossier_size, accepted_at, correlation_id, state, attempts, next_attempt_at, lease_owner, lease_until, "
                    + "schedule_started_at, schedule_attempts_before) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'ACCEPTED',0,?,?,?,?,0)", new String[] {"id"})) {
                int i = 0;
                ps.setString(++i, d.messageId());
                ps.setString(++i, d.senderBrin());
                ps.setString(++i, d.senderVestiging());
                ps.setString(++i, d.senderSupplierOin());
                ps.setString(++i, d.authenticatedOin());
                ps.setString(++i, d.receiverBrin());
                ps.setString(++i, d.receiverVestiging());
                ps.setString(++i, d.requestedRouteringskenmerk());
                ps.setString(++i, d.endpointKey());
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
            List<AuditEvent> intake = List.of(
                    new AuditEvent(pk, d.messageId(), d.senderBrin(), d.receiverBrin(), AuditEventType.RECEIVED, now,
                            null, null, "overdrachtsoort " + d.overdrachtsoort(), d.canonicalDossier().length,
                            d.dossierSha256(), actor(d), d.correlationId()),
                    event(pk, d, AuditEventType.VALIDATED, now, d.validationDetail()),
                    event(pk, d, AuditEventType.ROUTED, now, d.routedTo()));
            audit.append(c, intake);
            return intake;
        });
        audit.log(events);
        return new Acceptance(events.get(0).messagePk(), false, now, d.dossierSha256());
    }

    /** Appends audit events that belong to no stored message, such as a refused request. */
    public void auditOnly(List<AuditEvent> events) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            audit.append(c, events);
        }
        audit.log(events);
    }

    /** The audited actor of an intake: the authenticated supplier, when the caller had a client certificate. */
    private static String actor(NewDossier d) {
        return AuditEvent.supplierActor(d.authenticatedOin());
    }

    private static AuditEvent event(long pk, NewDossier d, AuditEventType type, Instant at, String detail) {
        return new AuditEvent(pk, d.messageId(), d.senderBrin(), d.receiverBrin(), type, at, null, null, detail,
                null, null, actor(d), d.correlationId());
    }
}
