package org.osogateway.soap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.osogateway.soap.tls.ClientAuth;

/**
 * Secure by default for the SOAP port: plain HTTP, or TLS without required client certificates, only on a
 * loopback address. Anything else refuses to start unless {@code gateway.soap.allow-insecure=true}, and then
 * every weakness is named in {@link Decision#warnings()}.
 */
public final class ListenerPolicy {
    static final String SETTINGS = "gateway.soap.host, gateway.soap.tls.enabled, gateway.soap.tls.client-auth, "
            + "gateway.soap.allow-insecure";

    private ListenerPolicy() {
    }

    /** What the policy allows: whether the insecure override is in use, and what is insecure then. */
    public record Decision(boolean insecureOverride, List<String> warnings) {
        public Decision {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Decides for a listener on {@code host}; throws {@link IllegalStateException} naming the settings when it
     * must not start.
     */
    public static Decision decide(String host, boolean tlsEnabled, ClientAuth clientAuth, boolean allowInsecure) {
        if (isLoopback(host)) {
            return new Decision(false, List.of());
        }
        List<String> weaknesses = new ArrayList<>();
        if (!tlsEnabled) {
            weaknesses.add("the SOAP port on " + host + " speaks plain HTTP (gateway.soap.tls.enabled=false): "
                    + "dossiers travel unencrypted and callers are not authenticated");
        } else if (clientAuth != ClientAuth.NEED) {
            weaknesses.add("the SOAP port on " + host + " does not require a client certificate (gateway.soap.tls.client-auth="
                    + clientAuth.value() + "): callers without a certificate are let in");
        }
        if (weaknesses.isEmpty()) {
            return new Decision(false, List.of());
        }
        if (!allowInsecure) {
            throw new IllegalStateException("refusing to start: gateway.soap.host=" + host + " is not a loopback address, "
                    + "so the SOAP port needs gateway.soap.tls.enabled=true and gateway.soap.tls.client-auth=need ("
                    + weaknesses.get(0) + "). Bind to 127.0.0.1, configure mutual TLS, or accept the risk explicitly with "
                    + "gateway.soap.allow-insecure=true. Settings: " + SETTINGS);
        }
        return new Decision(true, weaknesses);
    }

    /** Loopback only when every address the name stands for is loopback; the wildcard 0.0.0.0 (or ::) is not. */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
