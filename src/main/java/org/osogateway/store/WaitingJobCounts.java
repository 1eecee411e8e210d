package org.osogateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Jobs not delivered (ACCEPTED, DELIVERING, RETRY_WAIT, FAILED), counted per state and receiver endpoint in one query. */
public final class WaitingJobCounts {
    private static final String COUNT = "SELECT state, endpoint_key, COUNT(*) FROM dossier_message "
            + "WHERE state IN ('ACCEPTED', 'DELIVERING', 'RETRY_WAIT', 'FAILED') GROUP BY state, endpoint_key";

    private final DataSource ds;

    public WaitingJobCounts(DataSource ds) {
        this.ds = ds;
    }

    /** {@code endpoint}: the routeringskenmerk, or empty for rows accepted before jobs had one. */
    public record Count(DeliveryState state, String endpoint, long jobs) {
    }

    public List<Count> counts() throws SQLException {
        List<Count> counts = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(COUNT);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.add(new Count(DeliveryState.valueOf(rs.getString(1)), rs.getString(2) == null ? "" : rs.getString(2),
                        rs.getLong(3)));
            }
        }
        return counts;
    }
}
