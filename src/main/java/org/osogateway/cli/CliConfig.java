package org.osogateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.osogateway.store.Store;
import org.osogateway.store.StoreHeldException;
import org.osogateway.store.StoreSettings;

/**
 * The gateway's settings for the commands that read or change the store, resolved like the gateway
 * does: built-in defaults, then --config, then environment variables, then -D system properties.
 * They open the store directly, or go through the running gateway's admin API when it holds the store.
 */
final class CliConfig {
    private final Properties props = new Properties();
    private StoreHeldException held;

    CliConfig(Path config) throws IOException {
        try (InputStream in = CliConfig.class.getResourceAsStream("/config/application.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        if (config != null) {
            try (Reader r = Files.newBufferedReader(config)) {
                props.load(r);
            }
        }
    }

    String get(String key, String fallback) {
        String sys = System.getProperty(key);
        if (sys != null) {
            return sys;
        }
        String env = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (env != null) {
            return env;
        }
        String v = props.getProperty(key);
        return v == null ? fallback : v.trim();
    }

    StoreSettings store() {
        return new StoreSettings(get("gateway.store.url", null), get("gateway.store.user", "sa"),
                get("gateway.store.password", ""), 2, false);
    }

    /** Work on the store opened directly. */
    interface StoreWork<T> {
        T on(Store store) throws Exception;
    }

    /** The same work through the running gateway's admin API. */
    interface AdminWork<T> {
        T on(AdminClient admin) throws Exception;
    }

    /**
     * Runs {@code direct} on the store, or {@code viaAdmin} when a running gateway holds the embedded store (a note
     * on stderr says so; stdout stays data only).
     */
    <T> T withStore(StoreWork<T> direct, AdminWork<T> viaAdmin) throws Exception {
        Optional<Store> store = openStoreUnlessHeld();
        if (store.isPresent()) {
            try (Store s = store.get()) {
                return direct.on(s);
            }
        }
        AdminClient admin = admin();
        System.err.println("(the gateway holds the store: through its admin API at " + admin.baseUrl() + ")");
        return viaAdmin.on(admin);
    }

    /** The store, opened directly; empty when a running gateway holds the embedded store (then use {@link #admin}). */
    Optional<Store> openStoreUnlessHeld() {
        try {
            return Optional.of(Store.open(store()));
        } catch (StoreHeldException e) {
            held = e;
            return Optional.empty();
        }
    }

    /** The running gateway's admin API, for when it holds the store; says which setting is missing. */
    AdminClient admin() {
        String where = held != null ? "the store in " + held.folder() + " is held by a running gateway" : "a running gateway";
        if (!Boolean.parseBoolean(get("gateway.admin.enabled", "true"))) {
            throw new CommandFailure(where + " and its admin API is off (gateway.admin.enabled=false): stop the gateway"
                    + " or enable the admin API to run this command", null);
        }
        String token = get("gateway.admin.client-token", "");
        if (token.isBlank()) {
            throw new CommandFailure(where + ": set gateway.admin.client-token (in --config, or the environment variable"
                    + " GATEWAY_ADMIN_CLIENT_TOKEN) to the secret of one of that gateway's gateway.admin.tokens,"
                    + " so this command can go through its admin API", null);
        }
        String host = get("gateway.admin.host", "127.0.0.1");
        // a wildcard listen address is reached on loopback
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isBlank()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return new AdminClient("http://" + host + ":" + get("gateway.admin.port", "8081"), token.trim());
    }

    /** Who runs a command on the store directly, for the audit: the OS user (through the admin API: the token's name). */
    static String actor() {
        return System.getProperty("user.name", "operator");
    }
}
