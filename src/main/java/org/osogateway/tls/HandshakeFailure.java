package org.osogateway.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a TLS connection made as a client failed, read from the JSSE error's cause chain: the same reasons whether
 * the gateway delivers to a LAS or the command line calls the gateway. Callers turn it into their own sentence.
 */
public enum HandshakeFailure {
    /** The server's certificate has expired or is not yet valid. */
    SERVER_CERTIFICATE_EXPIRED,
    /** The server's certificate is not issued for the host name in the URL. */
    SERVER_CERTIFICATE_WRONG_HOST,
    /** The server's certificate does not chain to a trusted CA. */
    SERVER_CERTIFICATE_UNTRUSTED,
    /** Client and server share no protocol version. */
    NO_COMMON_PROTOCOL,
    /** The server sent an alert refusing the client's certificate, or its absence. */
    CLIENT_CERTIFICATE_REFUSED,
    /** Anything else. */
    OTHER;

    /** Alerts a server sends when it does not accept the client's certificate (or its absence). */
    private static final Set<String> REFUSED_CLIENT_CERTIFICATE = Set.of("bad_certificate", "certificate_required",
            "unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked", "access_denied");
    private static final String ALERT = "received fatal alert: ";

    /** The reason found in the cause chain of a TLS error. */
    public static HandshakeFailure of(Throwable error) {
        boolean untrusted = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED)) {
                return SERVER_CERTIFICATE_EXPIRED;
            }
            if (t instanceof SSLPeerUnverifiedException || text.contains("no name matching")
                    || text.contains("no subject alternative")) {
                // a host-name verifier, or the JDK's endpoint identification
                return SERVER_CERTIFICATE_WRONG_HOST;
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || text.contains("unable to find valid certification path") || text.contains("pkix path")) {
                untrusted = true; // keep looking: an expired certificate also fails the path
            }
            if (text.contains("protocol_version") || text.contains("no appropriate protocol")) {
                return NO_COMMON_PROTOCOL;
            }
            if (text.startsWith(ALERT) && REFUSED_CLIENT_CERTIFICATE.contains(text.substring(ALERT.length()).trim())) {
                return CLIENT_CERTIFICATE_REFUSED;
            }
        }
        return untrusted ? SERVER_CERTIFICATE_UNTRUSTED : OTHER;
    }
}
