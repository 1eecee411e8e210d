package org.osogateway.delivery;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in one sentence, for the sender's GetDeliveryStatus, why TLS with a receiving LAS failed: never the URL,
 * a class name or the JSSE message itself (those go to the gateway's log).
 */
final class TlsFailure {
    static final String PREFIX = "TLS handshake with the receiving LAS failed";
    /** Alerts a server sends when it does not accept the client's certificate (or its absence). */
    private static final Set<String> REFUSED_CLIENT_CERTIFICATE = Set.of("bad_certificate", "certificate_required",
            "unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked", "access_denied");

    private TlsFailure() {
    }

    /** The reason found in the cause chain of a TLS error. */
    static String describe(Throwable error) {
        boolean untrusted = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED)) {
                return PREFIX + ": its certificate has expired or is not yet valid";
            }
            if (t instanceof SSLPeerUnverifiedException || text.contains("no name matching")
                    || text.contains("no subject alternative")) {
                // HttpClient's host-name verifier, or the JDK's endpoint identification
                return PREFIX + ": its certificate is not issued for the endpoint's host name";
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || text.contains("unable to find valid certification path") || text.contains("pkix path")) {
                untrusted = true; // keep looking: an expired certificate also fails the path
            }
            if (text.contains("protocol_version") || text.contains("no appropriate protocol")) {
                return PREFIX + ": no common protocol version (the gateway uses TLS 1.2 and 1.3 only)";
            }
            if (text.startsWith("received fatal alert: ") && REFUSED_CLIENT_CERTIFICATE.contains(
                    text.substring("received fatal alert: ".length()).trim())) {
                return PREFIX + ": it did not accept the gateway's client certificate";
            }
        }
        return untrusted ? PREFIX + ": its certificate is not trusted" : PREFIX;
    }
}
