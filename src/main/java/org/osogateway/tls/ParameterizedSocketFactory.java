package org.osogateway.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Gives every socket of a factory the same SSLParameters (protocol versions, host-name verification), for HTTP
 * clients that take a socket factory but no parameters, such as HttpsURLConnection under CXF.
 */
final class ParameterizedSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory sockets;
    private final SSLParameters parameters;

    ParameterizedSocketFactory(SSLSocketFactory sockets, SSLParameters parameters) {
        this.sockets = sockets;
        this.parameters = parameters;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return sockets.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return sockets.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return apply(sockets.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return apply(sockets.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return apply(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return apply(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return apply(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return apply(sockets.createSocket(address, port, localAddress, localPort));
    }

    private Socket apply(Socket socket) {
        ((SSLSocket) socket).setSSLParameters(parameters);
        return socket;
    }
}
