package org.osogateway.soap;

/**
 * Who sent a SOAP request, from its TLS client certificate: the supplier's OIN and the certificate subject.
 * {@link #ANONYMOUS} (null OIN) when the connection presented no client certificate.
 */
public record Caller(String oin, String subject) {
    /** The Camel exchange property that carries the caller of a SOAP request. */
    public static final String PROPERTY = "osoCaller";

    public static final Caller ANONYMOUS = new Caller(null, null);

    public boolean isAnonymous() {
        return oin == null;
    }
}
