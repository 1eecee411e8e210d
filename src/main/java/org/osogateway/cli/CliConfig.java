package org.osogateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.osogateway.store.StoreSettings;

/**
 * The gateway's settings for commands that work on the store directly, resolved like the gateway
 * does: built-in defaults, then --config, then environment variables, then -D system properties.
 */
final class CliConfig {
    private final Properties props = new Properties();

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
}
