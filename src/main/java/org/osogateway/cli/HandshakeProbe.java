package org.osogateway.cli;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Repeats only the TLS handshake with the gateway, to read the alert a failed call could not. Under TLS 1.3 the
 * server judges the client certificate after the client's last handshake message, while the client is already
 * writing its request; when the server then closes, the call sees "Error writing to server" and not why.
 */
final class HandshakeProbe {
    private HandshakeProbe() {
    }

    /** The error of a fresh handshake with the URL's host and port, or empty when the server kept it open. */
    static Optional<IOException> failure(SSLSocketFactory sockets, URI url, Duration wait) {
        int port = url.getPort() == -1 ? 443 : url.getPort();
        try (SSLSocket socket = (SSLSocket) sockets.createSocket(url.getHost(), port)) {
            socket.setSoTimeout((int) wait.toMillis());
            socket.startHandshake();
            // the server's verdict on the client certificate (TLS 1.3), or nothing while it waits for a request
            return socket.getInputStream().read() == -1
                    ? Optional.of(new IOException("the server closed the connection after the TLS handshake"))
                    : Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }
}
