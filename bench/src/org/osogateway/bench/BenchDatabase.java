package org.osogateway.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database per bench run: {@code create ADMIN-URL USER NAME} makes database NAME (through the
 * admin database in ADMIN-URL, e.g. {@code jdbc:postgresql://127.0.0.1:55443/postgres}) and prints its JDBC URL;
 * {@code drop ADMIN-URL USER NAME} removes it. The password comes from {@code OSO_BENCH_PG_PASSWORD} (empty: none).
 */
public final class BenchDatabase {

    private BenchDatabase() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 4 || !(args[0].equals("create") || args[0].equals("drop"))) {
            System.err.println("usage: BenchDatabase create|drop ADMIN-JDBC-URL USER NAME");
            System.exit(64);
        }
        String adminUrl = args[1];
        String name = args[3];
        // the name goes into DDL, which takes no parameters: only the bench's own plain names
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        String password = System.getenv().getOrDefault("OSO_BENCH_PG_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(adminUrl, args[2], password); Statement st = c.createStatement()) {
            if (args[0].equals("create")) {
                st.execute("CREATE DATABASE " + name);
                System.out.println(withDatabase(adminUrl, name));
            } else {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** The admin URL with its database replaced by {@code name}; its query parameters are kept. */
    static String withDatabase(String adminUrl, String name) {
        if (!adminUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + adminUrl);
        }
        URI u = URI.create(adminUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://" + u.getRawAuthority() + "/" + name + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
