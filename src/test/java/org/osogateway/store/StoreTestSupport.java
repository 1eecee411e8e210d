package org.osogateway.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Test helpers: a store on its own H2 file and synthetic dossiers (public for the store's readers in other packages). */
public final class StoreTestSupport {
    public static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final String DEMO_NS = "urn:oso-gateway:demo:dossier:v1";
    /** The routeringskenmerk of 01AB's endpoint in the example registry. */
    static final String RK = "0000000700001AB00001";

    private StoreTestSupport() {
    }

    static String url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public static Store open(Path dir) {
        return Store.open(new StoreSettings(url(dir), "sa", "", 4, true));
    }

    /**
     * A store on a schema of its own in the PostgreSQL of {@code -Doso.test.postgres.url} (and {@code .user},
     * {@code .password}); the database is never cleaned.
     */
    public static Store openPostgres() throws SQLException {
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        String base = System.getProperty("oso.test.postgres.url");
        String user = System.getProperty("oso.test.postgres.user", "postgres");
        String password = System.getProperty("oso.test.postgres.password", "");
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Store.open(new StoreSettings(url, user, password, 8, true));
    }

    /** A synthetic dossier from 00YY to 01AB. */
    static NewDossier dossier(String messageId) {
        return dossier(messageId, "00YY", "01AB", "<dossier xmlns=\"" + DEMO_NS + "\"><id>" + messageId + "</id></dossier>");
    }

    static NewDossier dossier(String messageId, String sender, String receiver, String content) {
        return dossier(messageId, sender, receiver, content, null);
    }

    /** A synthetic dossier sent by the supplier with {@code authenticatedOin} (null: no client certificate). */
    static NewDossier dossier(String messageId, String sender, String receiver, String content, String authenticatedOin) {
        return dossier(messageId, sender, receiver, content, authenticatedOin, RK);
    }

    /** A synthetic dossier routed to the endpoint {@code endpointKey} (null: as accepted before V7). */
    public static NewDossier dossier(String messageId, String sender, String receiver, String content,
                                     String authenticatedOin, String endpointKey) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new NewDossier(messageId, sender, "00", "00000003000000000001", authenticatedOin, receiver, null, null,
                endpointKey, "overstapdossier", DEMO_NS, sha256(bytes), bytes, "schema " + DEMO_NS,
                "routeringskenmerk " + endpointKey, "corr-" + messageId);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Store store, String sql, Object... params) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String string(Store store, String sql, Object... params) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
