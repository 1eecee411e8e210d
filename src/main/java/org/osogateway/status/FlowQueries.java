package org.osogateway.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.CircuitView;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.Store;

/**
 * The status page's reads of the store: totals per state, accepted and delivered per minute, the receivers with
 * the most failing jobs and their circuits, and the dead letter. Identifiers and codes only, never dossier content.
 */
public final class FlowQueries {
    /** Jobs without an endpoint (accepted before V7) are shown under this name. */
    public static final String NO_ENDPOINT = "(none)";
    // a circuit left open longer ago than this belongs to an instance that is gone (as DeliveryQueries has it)
    private static final Duration CIRCUIT_STALE = Duration.ofHours(1);
    private static final String PER_MINUTE = "SELECT DATE_TRUNC('minute', %1$s), COUNT(*) FROM dossier_message "
            + "WHERE %1$s >= ? AND %1$s < ? GROUP BY DATE_TRUNC('minute', %1$s)";
    private static final String DEAD_LETTER = "SELECT id, message_id, sender_brin, receiver_brin, endpoint_key, attempts, "
            + "accepted_at, last_error_code, payload_purged_at FROM dossier_message WHERE state = 'FAILED'";

    private final DataSource ds;
    private final CircuitStates circuits;

    public FlowQueries(Store store) {
        this.ds = store.dataSource();
        this.circuits = new CircuitStates(store);
    }

    /** The number of messages in each state; every state is present, 0 when there is none. */
    public Map<DeliveryState, Long> totals() throws SQLException {
        Map<DeliveryState, Long> totals = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            totals.put(s, 0L);
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM dossier_message GROUP BY state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                totals.put(DeliveryState.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return totals;
    }

    /**
     * Accepted and delivered per minute for the {@code minutes} whole minutes up to and including the one of
     * {@code now}, oldest first, a row for every minute (0 where nothing happened). Two range scans over the
     * accepted_at and delivered_at indexes (V8), grouped in the store.
     */
    public List<MinuteCount> perMinute(Instant now, int minutes) throws SQLException {
        Instant last = now.truncatedTo(ChronoUnit.MINUTES);
        Instant from = last.minus(Duration.ofMinutes(minutes - 1L));
        Instant to = last.plus(Duration.ofMinutes(1));
        Map<Instant, Long> accepted = countPerMinute("accepted_at", from, to);
        Map<Instant, Long> delivered = countPerMinute("delivered_at", from, to);
        List<MinuteCount> out = new ArrayList<>(minutes);
        for (Instant m = from; m.isBefore(to); m = m.plus(Duration.ofMinutes(1))) {
            out.add(new MinuteCount(m, accepted.getOrDefault(m, 0L), delivered.getOrDefault(m, 0L)));
        }
        return out;
    }

    private Map<Instant, Long> countPerMinute(String column, Instant from, Instant to) throws SQLException {
        Map<Instant, Long> counts = new HashMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(String.format(PER_MINUTE, column))) {
            ps.setObject(1, from.atOffset(ZoneOffset.UTC));
            ps.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // truncated in the session's time zone: whole-minute offsets keep the minute the same instant
                    Instant minute = rs.getObject(1, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MINUTES);
                    counts.merge(minute, rs.getLong(2), Long::sum);
                }
            }
        }
        return counts;
    }

    /**
     * The endpoints with the most jobs waiting for a retry or in the dead letter, most first, at most {@code limit};
     * with each one's most frequent last error and its circuit (the worst over the instances). An endpoint whose
     * circuit is not closed is listed even without such jobs.
     */
    public List<FailingReceiver> failingReceivers(Instant now, int limit) throws SQLException {
        Map<String, FailingReceiver.Builder> byEndpoint = new LinkedHashMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT endpoint_key, state, last_error_code, COUNT(*) "
                     + "FROM dossier_message WHERE state IN ('RETRY_WAIT','FAILED') "
                     + "GROUP BY endpoint_key, state, last_error_code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String endpoint = rs.getString(1) == null ? NO_ENDPOINT : rs.getString(1);
                byEndpoint.computeIfAbsent(endpoint, FailingReceiver.Builder::new)
                        .add(DeliveryState.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4));
            }
        }
        for (Map.Entry<String, WorstCircuit> e : worstCircuits(now).entrySet()) {
            FailingReceiver.Builder b = byEndpoint.get(e.getKey());
            if (b == null && !CircuitStates.CLOSED.equals(e.getValue().state())) {
                b = byEndpoint.computeIfAbsent(e.getKey(), FailingReceiver.Builder::new);
            }
            if (b != null) {
                b.circuit(e.getValue().state(), e.getValue().probeAt());
            }
        }
        return byEndpoint.values().stream().map(FailingReceiver.Builder::build)
                .sorted(FailingReceiver.MOST_FAILING_FIRST).limit(limit).toList();
    }

    /** An endpoint's worst circuit state over the instances, and the earliest probe of those in that state. */
    private record WorstCircuit(String state, Instant probeAt) {
        WorstCircuit worse(WorstCircuit other) {
            int a = FailingReceiver.severity(state);
            int b = FailingReceiver.severity(other.state);
            if (a != b) {
                return a > b ? this : other;
            }
            if (probeAt == null || other.probeAt == null) {
                return probeAt == null ? other : this;
            }
            return probeAt.isBefore(other.probeAt) ? this : other;
        }
    }

    private Map<String, WorstCircuit> worstCircuits(Instant now) throws SQLException {
        Map<String, WorstCircuit> worst = new HashMap<>();
        for (CircuitView v : circuits.all()) {
            boolean current = CircuitStates.CLOSED.equals(v.state()) || v.changedAt().isAfter(now.minus(CIRCUIT_STALE));
            if (current) {
                worst.merge(v.routeringskenmerk(), new WorstCircuit(v.state(), v.probeAt()), WorstCircuit::worse);
            }
        }
        return worst;
    }

    /** The newest {@code limit} messages of the dead letter (FAILED), and how many it holds in all. */
    public DeadLetter deadLetter(int limit) throws SQLException {
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dossier_message WHERE state = 'FAILED'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<DeadLetter.Entry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DEAD_LETTER
                    + " ORDER BY accepted_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return new DeadLetter(total, entries);
        }
    }

    /** One message of the dead letter by its internal id, if it is there. */
    public Optional<DeadLetter.Entry> deadLetterEntry(long pk) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DEAD_LETTER + " AND id = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    private static DeadLetter.Entry entry(ResultSet rs) throws SQLException {
        return new DeadLetter.Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getObject(9) == null);
    }
}
