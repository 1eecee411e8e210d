package org.osogateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends audit events to the audit table (inside the caller's transaction) and to the audit log. */
public final class AuditTrail {
    private static final Logger AUDIT_LOG = LoggerFactory.getLogger("oso.audit");
    private static final String INSERT = "INSERT INTO audit_event (message_pk, message_id, sender_brin, receiver_brin, "
            + "event_type, at, attempt, outcome, detail, size_bytes, sha256, actor, correlation_id) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final Consumer<List<AuditEvent>> listener;

    public AuditTrail() {
        this(events -> { });
    }

    /** @param listener also told of every event once it is committed (e.g. to count it) */
    public AuditTrail(Consumer<List<AuditEvent>> listener) {
        this.listener = listener;
    }

    /** Inserts the events with the given connection; the caller commits. */
    public void append(Connection c, List<AuditEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AuditEvent e : events) {
                setLong(ps, 1, e.messagePk());
                ps.setString(2, e.messageId());
                ps.setString(3, e.senderBrin());
                ps.setString(4, e.receiverBrin());
                ps.setString(5, e.type().name());
                ps.setObject(6, e.at().atOffset(ZoneOffset.UTC));
                setInt(ps, 7, e.attempt());
                ps.setString(8, e.outcome());
                ps.setString(9, truncate(e.detail()));
                setInt(ps, 10, e.sizeBytes());
                ps.setString(11, e.sha256());
                ps.setString(12, e.actor());
                ps.setString(13, e.correlationId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Writes the log lines; call after the transaction that stored the events committed. */
    public void log(List<AuditEvent> events) {
        if (AUDIT_LOG.isInfoEnabled()) {
            for (AuditEvent e : events) {
                AUDIT_LOG.info(e.toLogLine());
            }
        }
        listener.accept(events);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }
}
