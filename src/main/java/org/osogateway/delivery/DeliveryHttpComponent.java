package org.osogateway.delivery;

import java.time.Duration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Camel's http component with a TLS handshake timeout of its own (gateway.delivery.tls-handshake-timeout-ms):
 * a receiver that accepts the TCP connection but never completes the handshake is given up on that much sooner
 * than one that is busy answering (response-timeout).
 */
public final class DeliveryHttpComponent extends HttpComponent {
    private Duration tlsHandshakeTimeout = Duration.ofSeconds(10);

    public void setTlsHandshakeTimeout(Duration tlsHandshakeTimeout) {
        this.tlsHandshakeTimeout = tlsHandshakeTimeout;
    }

    public Duration getTlsHandshakeTimeout() {
        return tlsHandshakeTimeout;
    }

    @Override
    protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
                                                                  int maxTotalConnections, int connectionsPerRoute,
                                                                  SocketConfig defaultSocketConfig) {
        HttpClientConnectionManager manager = super.createConnectionManager(registry, maxTotalConnections,
                connectionsPerRoute, defaultSocketConfig);
        if (manager instanceof PoolingHttpClientConnectionManager pool) {
            pool.setDefaultTlsConfig(TlsConfig.custom()
                    .setHandshakeTimeout(Timeout.ofMilliseconds(tlsHandshakeTimeout.toMillis())).build());
        } else {
            throw new IllegalStateException("unexpected connection manager " + manager.getClass().getName()
                    + ": the TLS handshake timeout cannot be set");
        }
        return manager;
    }
}
