package org.osogateway.soap.tls;

import java.util.Locale;

/** Whether the SOAP port asks a client for its certificate ({@code gateway.soap.tls.client-auth}). */
public enum ClientAuth {
    /** The handshake fails without a trusted client certificate. */
    NEED,
    /** A client certificate is asked for but may be absent; a presented one must be trusted. */
    WANT,
    /** No client certificate is asked for. */
    NONE;

    public static ClientAuth parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "need" -> NEED;
            case "want" -> WANT;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException(
                    "gateway.soap.tls.client-auth must be need, want or none, not '" + value + "'");
        };
    }

    /** The configuration value (need, want, none). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
