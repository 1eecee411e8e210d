package org.osogateway.delivery;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * Refuses to start when {@code camel.component.http.*} settings, which Camel binds after the gateway's own wiring,
 * have replaced the delivery TLS (gateway.delivery.tls.*) or turned host-name verification off.
 */
public final class DeliveryTlsCheck extends ServiceSupport {
    private final HttpComponent http;
    private final SSLContextParameters expected;

    public DeliveryTlsCheck(HttpComponent http, SSLContextParameters expected) {
        this.http = http;
        this.expected = expected;
    }

    @Override
    protected void doStart() {
        if (!(http.getX509HostnameVerifier() instanceof DefaultHostnameVerifier)) {
            throw new IllegalStateException("camel.component.http.x509-hostname-verifier must not be set: delivery "
                    + "always verifies the receiver's host name");
        }
        if (http.getSslContextParameters() != expected) {
            throw new IllegalStateException("camel.component.http.ssl-context-parameters must not be set: delivery TLS "
                    + "is configured with gateway.delivery.tls.*");
        }
    }
}
