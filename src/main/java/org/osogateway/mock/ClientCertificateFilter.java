package org.osogateway.mock;

import java.io.IOException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.osogateway.tls.Subjects;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;

/**
 * Makes the caller's TLS client certificate subject visible to the mock LAS while WireMock answers the request:
 * WireMock's own request view does not carry it. WireMock serves a request on one thread, so a thread-local is
 * enough (and cannot be forged by a header).
 */
final class ClientCertificateFilter implements Filter {
    private static final ThreadLocal<String> SUBJECT = new ThreadLocal<>();
    /** The request attribute with the TLS session, as WireMock's shaded copy of Jetty names it. */
    private static final String SESSION_ATTRIBUTE = "wiremock.org.eclipse.jetty.servlet.request.ssl_session";

    /** The subject DN of the client certificate of the request being answered on this thread, or null. */
    static String currentSubject() {
        return SUBJECT.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SUBJECT.set(subject(request));
        try {
            chain.doFilter(request, response);
        } finally {
            SUBJECT.remove();
        }
    }

    private static String subject(ServletRequest request) {
        if (request.getAttribute(SESSION_ATTRIBUTE) instanceof SSLSession session) {
            try {
                return session.getPeerCertificates()[0] instanceof X509Certificate c ? Subjects.of(c) : null;
            } catch (SSLPeerUnverifiedException noClientCertificate) {
                return null;
            }
        }
        return null; // plain http
    }
}
