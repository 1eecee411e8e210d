package org.osogateway.soap;

import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.apache.cxf.security.transport.TLSSessionInfo;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.soap.tls.ClientCertificateTrustManager;
import org.osogateway.soap.tls.OinReader;

/**
 * Puts the {@link Caller} of each SOAP request into the exchange property {@value Caller#PROPERTY}, from the
 * client certificate chain that CXF's HTTP destination stores on the message ({@link TLSSessionInfo}).
 * A certificate without a usable OIN, or one no longer valid, refuses the request with SENDER_NOT_AUTHORIZED.
 */
public final class CallerIdentification {
    /** Keywords for the subject attributes of PKIoverheid certificates that RFC 2253 would print as OIDs. */
    private static final Map<String, String> SUBJECT_KEYWORDS = Map.of("2.5.4.5", "SERIALNUMBER",
            "2.5.4.97", "ORGANIZATIONIDENTIFIER");

    private final OinReader oinReader;
    private final ClientCertificateTrustManager trust;

    /** {@code trust} re-checks chains of kept-alive connections and resumed sessions; null when there is nothing to check against. */
    public CallerIdentification(OinReader oinReader, ClientCertificateTrustManager trust) {
        this.oinReader = oinReader;
        this.trust = trust;
    }

    public void identify(Exchange exchange) {
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        exchange.setProperty(Caller.PROPERTY, caller(cxf == null ? null : peerChain(cxf)));
    }

    /** The caller for a client chain (leaf first), {@link Caller#ANONYMOUS} for none. */
    public Caller caller(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Caller.ANONYMOUS;
        }
        if (trust != null) {
            try {
                trust.recheck(chain);
            } catch (CertificateException e) {
                throw new GatewayException(GatewayErrorCode.SENDER_NOT_AUTHORIZED,
                        "the client certificate is no longer valid (expired or revoked)");
            }
        }
        X509Certificate leaf = chain[0];
        String oin = oinReader.oin(leaf).orElseThrow(() -> new GatewayException(GatewayErrorCode.SENDER_NOT_AUTHORIZED,
                "the client certificate carries no OIN in its subject " + oinReader.attribute()));
        return new Caller(oin, leaf.getSubjectX500Principal().getName(X500Principal.RFC2253, SUBJECT_KEYWORDS));
    }

    private static X509Certificate[] peerChain(Message message) {
        Message in = message.getExchange() != null && message.getExchange().getInMessage() != null
                ? message.getExchange().getInMessage() : message;
        TLSSessionInfo tls = in.get(TLSSessionInfo.class);
        Certificate[] peer = tls == null ? null : tls.getPeerCertificates();
        if (peer == null) {
            return null;
        }
        return Arrays.stream(peer).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
    }
}
