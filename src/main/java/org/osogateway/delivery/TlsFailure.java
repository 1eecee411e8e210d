package org.osogateway.delivery;

import org.osogateway.tls.HandshakeFailure;

/**
 * Says in one sentence, for the sender's GetDeliveryStatus, why TLS with a receiving LAS failed: never the URL,
 * a class name or the JSSE message itself (those go to the gateway's log).
 */
final class TlsFailure {
    static final String PREFIX = "TLS handshake with the receiving LAS failed";

    private TlsFailure() {
    }

    /** The reason found in the cause chain of a TLS error. */
    static String describe(Throwable error) {
        return switch (HandshakeFailure.of(error)) {
            case SERVER_CERTIFICATE_EXPIRED -> PREFIX + ": its certificate has expired or is not yet valid";
            case SERVER_CERTIFICATE_WRONG_HOST -> PREFIX + ": its certificate is not issued for the endpoint's host name";
            case SERVER_CERTIFICATE_UNTRUSTED -> PREFIX + ": its certificate is not trusted";
            case NO_COMMON_PROTOCOL -> PREFIX + ": no common protocol version (the gateway uses TLS 1.2 and 1.3 only)";
            case CLIENT_CERTIFICATE_REFUSED -> PREFIX + ": it did not accept the gateway's client certificate";
            case OTHER -> PREFIX;
        };
    }
}
