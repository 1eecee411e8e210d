package org.osogateway.store;

import static org.osogateway.store.SqlValues.instant;
import static org.osogateway.store.SqlValues.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The circuit-breaker state each instance holds per endpoint (table endpoint_circuit), so that every instance's
 * operator view ({@code deliveries list}) shows it. Routeringskenmerken and instance ids only, never pupil data.
 */
public final class CircuitStates {
    public static final String CLOSED = "CLOSED";
    public static final String HALF_OPEN = "HALF_OPEN";
    public static final String OPEN = "OPEN";
    private static final Set<String> STATES = Set.of(CLOSED, HALF_OPEN, OPEN);

    private final DataSource ds;

    public CircuitStates(Store store) {
        this.ds = store.dataSource();
    }

    /**
     * Records this instance's breaker state of one endpoint ({@link #CLOSED}, {@link #HALF_OPEN} or {@link #OPEN});
     * {@code probeAt} is when an open breaker lets its next probe through (null otherwise). An upsert in portable
     * SQL: UPDATE, INSERT when there was no row, and UPDATE again when another writer inserted it in between.
     */
    public void record(String routeringskenmerk, String instanceId, String state, Instant probeAt, Instant now)
            throws SQLException {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("circuit state must be one of " + STATES + ", not " + state);
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            if (update(c, routeringskenmerk, instanceId, state, probeAt, now) > 0) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoint_circuit (routeringskenmerk, instance_id, "
                    + "state, probe_at, changed_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, routeringskenmerk);
                ps.setString(2, instanceId);
                ps.setString(3, state);
                ps.setObject(4, odt(probeAt));
                ps.setObject(5, odt(now));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!SqlValues.isUniqueViolation(e)) {
                    throw e;
                }
                update(c, routeringskenmerk, instanceId, state, probeAt, now);
            }
        }
    }

    private static int update(Connection c, String routeringskenmerk, String instanceId, String state, Instant probeAt,
                              Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE endpoint_circuit SET state = ?, probe_at = ?, changed_at = ? "
                + "WHERE routeringskenmerk = ? AND instance_id = ?")) {
            ps.setString(1, state);
            ps.setObject(2, odt(probeAt));
            ps.setObject(3, odt(now));
            ps.setString(4, routeringskenmerk);
            ps.setString(5, instanceId);
            return ps.executeUpdate();
        }
    }

    /** Every recorded state, by endpoint and instance. */
    public List<CircuitView> all() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT routeringskenmerk, instance_id, state, probe_at, changed_at "
                     + "FROM endpoint_circuit ORDER BY routeringskenmerk, instance_id");
             ResultSet rs = ps.executeQuery()) {
            List<CircuitView> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new CircuitView(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)));
            }
            return out;
        }
    }
}
