package org.osogateway.soap;

/**
 * Who is calling the SOAP port: the supplier OIN from the client certificate, or {@link #ANONYMOUS} (no client
 * certificate: development on loopback).
 */
public record Caller(String oin, String subject) {
    /** A caller without a client certificate. */
    public static final Caller ANONYMOUS = new Caller(null, null);

    /** Whether a client certificate identified the caller. */
    public boolean isAuthenticated() {
        return oin != null;
    }
}
