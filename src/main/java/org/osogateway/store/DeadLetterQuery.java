package org.osogateway.store;

import static org.osogateway.store.SqlValues.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The dead letter an operator can re-send: FAILED messages whose dossier is still stored, by filter, oldest first;
 * and the re-send of one batch of them.
 */
public final class DeadLetterQuery {
    /**
     * Which dead letters: each non-null field must match ({@code endpointKey}: the routeringskenmerk the job was
     * queued for); since and until bound the acceptance time.
     */
    public record Filter(String receiverBrin, String senderBrin, String endpointKey, Instant since, Instant until) {
        /** The dead letter of one receiver endpoint. */
        public static Filter endpoint(String endpointKey) {
            return new Filter(null, null, endpointKey, null, null);
        }
    }

    private final DataSource ds;

    public DeadLetterQuery(Store store) {
        this.ds = store.dataSource();
    }

    /** How many match. */
    public int count(Filter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = bind(c.prepareStatement("SELECT COUNT(*) FROM dossier_message" + where), params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The internal ids of the oldest {@code limit} that match. */
    public List<Long> oldest(Filter filter, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id FROM dossier_message" + where(filter, params) + " ORDER BY accepted_at, id FETCH FIRST "
                + limit + " ROWS ONLY";
        List<Long> pks = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = bind(c.prepareStatement(sql), params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pks.add(rs.getLong(1));
            }
        }
        return pks;
    }

    /**
     * Re-sends the oldest {@code limit} that match, each in its own transaction: one that another operator re-sent
     * meanwhile is skipped. Returns the ids re-sent.
     */
    public List<Long> resendOldest(DeliveryJobs jobs, Filter filter, int limit, String actor, String reason, Instant now)
            throws SQLException {
        List<Long> resent = new ArrayList<>();
        for (long pk : oldest(filter, limit)) {
            if (jobs.resend(pk, actor, reason, now)) {
                resent.add(pk);
            }
        }
        return resent;
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE state = 'FAILED' AND payload_purged_at IS NULL");
        if (f.receiverBrin() != null) {
            sql.append(" AND receiver_brin = ?");
            params.add(f.receiverBrin());
        }
        if (f.senderBrin() != null) {
            sql.append(" AND sender_brin = ?");
            params.add(f.senderBrin());
        }
        if (f.endpointKey() != null) {
            sql.append(" AND endpoint_key = ?");
            params.add(f.endpointKey());
        }
        if (f.since() != null) {
            sql.append(" AND accepted_at >= ?");
            params.add(odt(f.since()));
        }
        if (f.until() != null) {
            sql.append(" AND accepted_at < ?");
            params.add(odt(f.until()));
        }
        return sql.toString();
    }

    private static PreparedStatement bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }
}
