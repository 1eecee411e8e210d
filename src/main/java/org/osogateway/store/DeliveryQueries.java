package org.osogateway.store;

import static org.osogateway.store.SqlValues.eq;
import static org.osogateway.store.SqlValues.instant;
import static org.osogateway.store.SqlValues.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Status queries: a message's internal id, its state and events, and the operator's list. Reads only. */
public final class DeliveryQueries {
    // the worst circuit state over all instances that recorded one for the row's endpoint; an open circuit is
    // re-recorded at every probe (at most circuit.max-open-wait apart), so one not touched for an hour is of an
    // instance that is gone
    private static final String FROM = " FROM dossier_message m LEFT JOIN (SELECT routeringskenmerk, MAX(CASE state "
            + "WHEN '" + CircuitStates.OPEN + "' THEN 3 WHEN '" + CircuitStates.HALF_OPEN + "' THEN 2 ELSE 1 END) AS severity "
            + "FROM endpoint_circuit WHERE state = '" + CircuitStates.CLOSED + "' OR changed_at > CURRENT_TIMESTAMP - "
            + "INTERVAL '1' HOUR GROUP BY routeringskenmerk) c ON c.routeringskenmerk = m.endpoint_key";
    private static final String COLUMNS = "SELECT m.id, m.message_id, m.sender_brin, m.receiver_brin, m.state, m.attempts, "
            + "m.accepted_at, m.next_attempt_at, m.last_error_code, m.last_error_message, m.endpoint_key, c.severity";

    private final DataSource ds;

    public DeliveryQueries(Store store) {
        this.ds = store.dataSource();
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

    /** The internal id of each message with this messageId, by sender BRIN (in BRIN order). */
    public java.util.SortedMap<String, Long> findPksBySender(String messageId) throws SQLException {
        java.util.SortedMap<String, Long> found = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sender_brin, id FROM dossier_message WHERE message_id = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return found;
    }

    /** State, attempts and events of one message. */
    public Optional<DeliveryStatus> status(long pk) throws SQLException {
        try (Connection c = ds.getConnection()) {
            DeliveryStatus base;
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + FROM + " WHERE m.id = ?")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    base = row(rs, List.of());
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
            // only a job still waiting has a next attempt to show
            Instant next = base.state() == DeliveryState.RETRY_WAIT || base.state() == DeliveryState.ACCEPTED
                    ? base.nextAttemptAt() : null;
            return Optional.of(new DeliveryStatus(base.messagePk(), base.messageId(), base.senderBrin(), base.receiverBrin(),
                    base.state(), base.attempts(), base.acceptedAt(), next, base.lastErrorCode(),
                    base.lastErrorMessage(), base.endpointKey(), base.circuit(), List.copyOf(events)));
        }
    }

    /** Messages for the operator's list, newest first, with their endpoint and its circuit. Any filter may be null. */
    public List<DeliveryStatus> list(DeliveryState state, String receiverBrin, Instant since, int limit) throws SQLException {
        return list(state, receiverBrin, null, since, limit);
    }

    /** As {@link #list(DeliveryState, String, Instant, int)}, also by the sending school. */
    public List<DeliveryStatus> list(DeliveryState state, String receiverBrin, String senderBrin, Instant since, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(FROM).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            sql.append(" AND m.state = ?");
            params.add(state.name());
        }
        if (receiverBrin != null) {
            sql.append(" AND m.receiver_brin = ?");
            params.add(receiverBrin);
        }
        if (senderBrin != null) {
            sql.append(" AND m.sender_brin = ?");
            params.add(senderBrin);
        }
        if (since != null) {
            sql.append(" AND m.accepted_at >= ?");
            params.add(odt(since));
        }
        sql.append(" ORDER BY m.accepted_at DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<DeliveryStatus> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs, List.of()));
                }
            }
            return out;
        }
    }

    private static DeliveryStatus row(ResultSet rs, List<DeliveryStatus.Event> events) throws SQLException {
        int severity = rs.getInt(12);
        String circuit = rs.wasNull() ? null
                : severity == 3 ? CircuitStates.OPEN : severity == 2 ? CircuitStates.HALF_OPEN : CircuitStates.CLOSED;
        return new DeliveryStatus(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                DeliveryState.valueOf(rs.getString(5)), rs.getInt(6), instant(rs, 7), instant(rs, 8),
                rs.getString(9), rs.getString(10), rs.getString(11), circuit, events);
    }

    /** Message id, sender and receiver of a stored message (for its audit events); null when there is none. */
    static String[] identifiers(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_id, sender_brin, receiver_brin FROM dossier_message WHERE id = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }
}
