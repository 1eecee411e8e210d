package org.osogateway.registry.remote;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.osogateway.tls.ClientTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the OSR source ({@link CachingOsrRegistry}) from the {@code gateway.registry.remote.*} settings. */
public final class RemoteRegistryFactory {
    /** The prefix of every setting read here. */
    public static final String PREFIX = "gateway.registry.remote.";
    /** The prefix of the OSR client's TLS settings. */
    public static final String TLS_PREFIX = PREFIX + "tls.";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteRegistryFactory.class);

    private RemoteRegistryFactory() {
    }

    /** True when {@code gateway.registry.source} is {@code remote} (default {@code local}). */
    public static boolean remoteSelected(Function<String, String> prop) {
        String source = blankToNull(prop.apply("gateway.registry.source"));
        if (source == null || source.equalsIgnoreCase("local")) {
            return false;
        }
        if (source.equalsIgnoreCase("remote")) {
            return true;
        }
        throw new IllegalArgumentException("gateway.registry.source must be local or remote, not " + source);
    }

    /** The registry from the settings; {@code prop} answers null (or blank) for an unset key. */
    public static CachingOsrRegistry fromProperties(Function<String, String> prop) {
        String baseUrl = blankToNull(prop.apply(PREFIX + "base-url"));
        if (baseUrl == null) {
            throw new IllegalArgumentException(PREFIX + "base-url must be set when gateway.registry.source=remote");
        }
        Duration connect = Duration.ofMillis(longProp(prop, "connect-timeout-ms", 5000));
        Duration request = Duration.ofMillis(longProp(prop, "request-timeout-ms", 10000));
        ClientTls tls = tls(prop);
        OsrCacheSettings d = OsrCacheSettings.DEFAULTS;
        OsrCacheSettings settings = new OsrCacheSettings(
                duration(prop, "ttl", d.ttl()), duration(prop, "negative-ttl", d.negativeTtl()),
                duration(prop, "stale-if-error", d.staleIfError()), d.maxEntries(),
                connect.plus(request).plusSeconds(1));
        return new CachingOsrRegistry(new OsrClient(URI.create(baseUrl), connect, request, tls), settings);
    }

    private static long longProp(Function<String, String> prop, String key, long fallback) {
        String v = blankToNull(prop.apply(PREFIX + key));
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a number of milliseconds, not " + v, e);
        }
    }

    /** ISO-8601 (PT5M) or plain seconds. */
    private static Duration duration(Function<String, String> prop, String key, Duration fallback) {
        String v = blankToNull(prop.apply(PREFIX + key));
        if (v == null) {
            return fallback;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be an ISO-8601 duration (PT5M) or seconds, not " + v, e);
        }
    }

    /**
     * The OSR client's TLS from {@value #TLS_PREFIX}*, as for delivery; the older names without {@code tls.}
     * ({@code gateway.registry.remote.keystore}, ...) still work, with a warning.
     */
    static ClientTls tls(Function<String, String> prop) {
        return ClientTls.fromProperties(TLS_PREFIX, key -> {
            String value = blankToNull(prop.apply(key));
            String old = PREFIX + key.substring(TLS_PREFIX.length());
            String oldValue = key.endsWith("protocols") ? null : blankToNull(prop.apply(old));
            if (value == null && oldValue != null) {
                LOG.warn("{} is deprecated: use {}", old, key);
                return oldValue;
            }
            return value;
        });
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
