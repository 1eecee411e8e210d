package org.osogateway.registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osogateway.store.Transactions;

/** Keeps the registry in the database (tables of V2__registry.sql) and reads it back. */
public final class JdbcRegistryStore {
    // children before parents, so foreign keys hold at every step
    private static final List<String> DELETE_ORDER = List.of(
            "endpoint", "mandate", "school_vestiging", "school", "supplier", "agreement", "board");

    private final DataSource dataSource;

    public JdbcRegistryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work done inside the registry's transaction, e.g. appending audit rows. */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection connection) throws SQLException;
    }

    /** Replaces the whole registry in one transaction: readers see the old or the new content, never a mix. */
    public void replaceAll(RegistryData data) {
        replaceAll(data, -1, c -> { });
    }

    /**
     * Replaces the whole registry in one transaction with {@code alsoDo} (e.g. audit rows), but only while the
     * version is still {@code expectedVersion} (any version when negative): a change made elsewhere in between
     * is never overwritten. Returns false, changing nothing, when the version moved on.
     */
    public boolean replaceAll(RegistryData data, long expectedVersion, InTransaction alsoDo) {
        try {
            return Transactions.inTransaction(dataSource, connection -> {
                // the version row first: it serializes concurrent writers and detects a lost update
                try (PreparedStatement ps = connection.prepareStatement(
                        "UPDATE registry_state SET version = version + 1, changed_at = CURRENT_TIMESTAMP WHERE id = 1"
                                + (expectedVersion >= 0 ? " AND version = ?" : ""))) {
                    if (expectedVersion >= 0) {
                        ps.setLong(1, expectedVersion);
                    }
                    if (ps.executeUpdate() == 0 && expectedVersion >= 0) {
                        return false; // nothing changed: committing it is a rollback
                    }
                }
                deleteAll(connection);
                insertAll(connection, data);
                alsoDo.run(connection);
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the registry: " + e.getMessage(), e);
        }
    }

    /** The registry's change counter: 0 while nothing was ever stored, then one more per change. */
    public long version() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT version FROM registry_state WHERE id = 1");
             java.sql.ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry version: " + e.getMessage(), e);
        }
    }

    /** Reads the whole registry, each list in a stable key order. */
    public RegistryData load() {
        try {
            // REPEATABLE READ: all seven SELECTs see one snapshot, even while replaceAll commits elsewhere
            return Transactions.inSnapshot(dataSource, JdbcRegistryStore::readAll);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    private static void deleteAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : DELETE_ORDER) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private static void insertAll(Connection connection, RegistryData data) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO board (id, name) VALUES (?, ?)")) {
            for (Board board : data.boards()) {
                ps.setString(1, board.id());
                ps.setString(2, board.name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO agreement (board_id, valid_from, valid_to) VALUES (?, ?, ?)")) {
            for (Agreement agreement : data.agreements()) {
                ps.setString(1, agreement.boardId());
                setPeriod(ps, 2, agreement);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO supplier (oin, name) VALUES (?, ?)")) {
            for (Supplier supplier : data.suppliers()) {
                ps.setString(1, supplier.oin());
                ps.setString(2, supplier.name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO school (brin, name, board_id) VALUES (?, ?, ?)");
             PreparedStatement vs = connection.prepareStatement("INSERT INTO school_vestiging (brin, vestiging) VALUES (?, ?)")) {
            for (School school : data.schools()) {
                ps.setString(1, school.brin());
                ps.setString(2, school.name());
                ps.setString(3, school.boardId());
                ps.addBatch();
                for (String vestiging : school.vestigingen()) {
                    vs.setString(1, school.brin());
                    vs.setString(2, vestiging);
                    vs.addBatch();
                }
            }
            ps.executeBatch();
            vs.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO mandate (brin, supplier_oin, service_version, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)")) {
            for (Mandate mandate : data.mandates()) {
                ps.setString(1, mandate.brin());
                ps.setString(2, mandate.supplierOin());
                ps.setString(3, mandate.serviceVersion());
                setPeriod(ps, 4, mandate);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO endpoint (routeringskenmerk, brin, vestiging,"
                + " supplier_oin, service_version, url, valid_from, valid_to, services) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Endpoint endpoint : data.endpoints()) {
                ps.setString(1, endpoint.routeringskenmerk());
                ps.setString(2, endpoint.brin());
                ps.setString(3, endpoint.vestiging());
                ps.setString(4, endpoint.supplierOin());
                ps.setString(5, endpoint.serviceVersion());
                ps.setString(6, endpoint.url());
                setPeriod(ps, 7, endpoint);
                ps.setString(9, String.join(",", new java.util.TreeSet<>(endpoint.services())));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static RegistryData readAll(Connection connection) throws SQLException {
        List<Board> boards = new ArrayList<>();
        List<Agreement> agreements = new ArrayList<>();
        List<Supplier> suppliers = new ArrayList<>();
        List<School> schools = new ArrayList<>();
        List<Mandate> mandates = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, name FROM board ORDER BY id")) {
                while (rs.next()) {
                    boards.add(new Board(rs.getString(1), rs.getString(2)));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT board_id, valid_from, valid_to FROM agreement ORDER BY board_id, valid_from, id")) {
                while (rs.next()) {
                    agreements.add(new Agreement(rs.getString(1), date(rs, 2), date(rs, 3)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT oin, name FROM supplier ORDER BY oin")) {
                while (rs.next()) {
                    suppliers.add(new Supplier(rs.getString(1), rs.getString(2)));
                }
            }
            Map<String, Set<String>> vestigingen = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT brin, vestiging FROM school_vestiging ORDER BY brin, vestiging")) {
                while (rs.next()) {
                    vestigingen.computeIfAbsent(rs.getString(1), b -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT brin, name, board_id FROM school ORDER BY brin")) {
                while (rs.next()) {
                    String brin = rs.getString(1);
                    schools.add(new School(brin, rs.getString(2), rs.getString(3), vestigingen.getOrDefault(brin, Set.of())));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT brin, supplier_oin, service_version, valid_from, valid_to FROM mandate"
                    + " ORDER BY brin, supplier_oin, service_version, valid_from, id")) {
                while (rs.next()) {
                    mandates.add(new Mandate(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4), date(rs, 5)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT routeringskenmerk, brin, vestiging, supplier_oin, service_version,"
                    + " url, valid_from, valid_to, services FROM endpoint ORDER BY brin, routeringskenmerk")) {
                while (rs.next()) {
                    endpoints.add(new Endpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), date(rs, 7), date(rs, 8),
                            java.util.Set.of(rs.getString(9).split(","))));
                }
            }
        }
        return new RegistryData(boards, agreements, schools, suppliers, mandates, endpoints);
    }

    private static void setPeriod(PreparedStatement ps, int index, ValidityPeriod period) throws SQLException {
        ps.setObject(index, period.validFrom());
        ps.setObject(index + 1, period.validTo(), java.sql.Types.DATE);
    }

    private static LocalDate date(ResultSet rs, int index) throws SQLException {
        // getDate + toLocalDate works on every JDBC driver; getObject(LocalDate) is not universal
        Date value = rs.getDate(index);
        return value == null ? null : value.toLocalDate();
    }
}
