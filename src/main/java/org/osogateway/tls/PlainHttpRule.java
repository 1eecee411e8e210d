package org.osogateway.tls;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where the gateway may call without TLS: https always; plain http only to loopback, and only with the
 * development setting {@code gateway.admin.allow-http-loopback}. The admin API checks endpoint URLs with it when
 * they are written, delivery again before every call (the registry file and the OSR can hold any URL).
 */
public final class PlainHttpRule {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean allowHttpLoopback;

    public PlainHttpRule(boolean allowHttpLoopback) {
        this.allowHttpLoopback = allowHttpLoopback;
    }

    /** Whether the host is one of the loopback names plain http may go to. */
    public static boolean isLoopback(String host) {
        return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    /** True for https, and for http to loopback when allowed; false for anything else, or an unreadable URL. */
    public boolean permits(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && allowHttpLoopback && isLoopback(uri.getHost()));
    }
}
