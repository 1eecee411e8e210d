package org.osogateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The store's SQL value conversions: instants as UTC timestamps with time zone, and the shared checks. */
final class SqlValues {
    private SqlValues() {
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** SQLSTATE 23505 on H2 and PostgreSQL alike: a concurrent writer inserted the same key first. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** Fits a message into the 1000-character error and detail columns. */
    static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
