package org.osogateway.cli;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.apache.cxf.transport.http.HTTPException;
import org.osogateway.tls.HandshakeFailure;

/** Puts a failed call to the gateway into one sentence that names the option or file to look at. */
final class GatewayCallFailure {
    /** How long a handshake probe waits for the server's verdict on the client certificate. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(3);

    private final String url;
    private final Path cert;
    private final Path truststore;
    private final SSLSocketFactory sockets;

    /**
     * {@code cert} and {@code truststore} are the --cert and --truststore files, or null when not given;
     * {@code sockets} the TLS socket factory of the call, null for plain http.
     */
    GatewayCallFailure(String url, Path cert, Path truststore, SSLSocketFactory sockets) {
        this.url = url;
        this.cert = cert;
        this.truststore = truststore;
        this.sockets = sockets;
    }

    String describe(Throwable error) {
        if (find(error, ConnectException.class) != null) {
            return "cannot reach the gateway at " + url + ": connection refused (is it running, and is --url right?)";
        }
        UnknownHostException unknownHost = find(error, UnknownHostException.class);
        if (unknownHost != null) {
            return "cannot reach the gateway at " + url + ": unknown host " + unknownHost.getMessage();
        }
        if (find(error, SocketTimeoutException.class) != null) {
            return "the gateway at " + url + " did not answer in time";
        }
        if (sockets != null && mentions(error, "unrecognized SSL message")) {
            return "the gateway at " + url + " does not speak TLS; if it runs without TLS, use http:// in --url";
        }
        if (sockets != null) {
            HandshakeFailure reason = HandshakeFailure.of(error);
            // an HTTP answer proves the handshake went through; other I/O errors may hide the server's alert
            if (reason == HandshakeFailure.OTHER && find(error, IOException.class) != null
                    && find(error, HTTPException.class) == null) {
                reason = HandshakeProbe.failure(sockets, URI.create(url), PROBE_WAIT).map(HandshakeFailure::of)
                        .orElse(HandshakeFailure.OTHER);
            }
            if (reason != HandshakeFailure.OTHER) {
                return tls(reason);
            }
        } else if (find(error, EOFException.class) != null || mentions(error, "Connection reset")) {
            // a TLS port drops a plain HTTP request: a clean close or a reset, depending on timing
            return "the gateway at " + url + " closed the connection without an HTTP answer; if it runs with TLS, "
                    + "use https:// in --url";
        }
        Throwable root = root(error);
        return "the call to the gateway at " + url + " failed: " + (root.getMessage() != null ? root.getMessage() : root);
    }

    private String tls(HandshakeFailure reason) {
        return switch (reason) {
            case CLIENT_CERTIFICATE_REFUSED -> cert == null
                    ? "the gateway refused the TLS handshake: it demands a client certificate; give one with "
                            + "--cert FILE.p12 (e.g. dev-pki/supplier.p12)"
                    : "the gateway refused the TLS handshake: it did not accept the client certificate from --cert "
                            + cert + " (not issued by a CA it trusts, expired or revoked)";
            case SERVER_CERTIFICATE_UNTRUSTED -> "the gateway's certificate is not trusted by " + (truststore != null
                    ? "--truststore " + truststore
                    : "the JVM's trust store; give its CA with --truststore FILE.p12 (e.g. dev-pki/truststore.p12)");
            case SERVER_CERTIFICATE_EXPIRED -> "the gateway's certificate has expired or is not yet valid";
            case SERVER_CERTIFICATE_WRONG_HOST -> "the gateway's certificate is not issued for the host name in --url "
                    + url;
            case NO_COMMON_PROTOCOL -> "the gateway at " + url + " speaks neither TLS 1.3 nor TLS 1.2";
            case OTHER -> throw new IllegalArgumentException("no TLS reason");
        };
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean mentions(Throwable error, String text) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
