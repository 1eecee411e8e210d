package org.osogateway.soap.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks client certificates of the SOAP port: the JDK's PKIX trust manager over the truststore, with the
 * CRLs of {@link CrlSource} as revocation source when there are any (CRLs only: no OCSP, no download from
 * a certificate's distribution point). Rebuilt whenever the CRLs change, so a new CRL takes effect without
 * a restart. It checks no server certificates.
 */
public final class ClientCertificateTrustManager extends X509ExtendedTrustManager {
    private static final int RECHECK_CACHE_LIMIT = 10_000;

    private final KeyStore trustStore;
    private final CrlSource crls;
    private volatile Built built;
    /** Leaf certificates that passed {@link #recheck} under a CRL generation: one PKIX run per certificate and CRL. */
    private final Map<X509Certificate, Long> rechecked = new ConcurrentHashMap<>();

    private record Built(long generation, X509ExtendedTrustManager pkix) {
    }

    public ClientCertificateTrustManager(KeyStore trustStore, CrlSource crls) {
        this.trustStore = trustStore;
        this.crls = crls;
        this.built = build(crls.generation());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    /**
     * Checks again, after the handshake, a chain that a connection presented earlier: a kept-alive connection or
     * a resumed TLS session must not outlive the revocation or expiry of its certificate.
     */
    public void recheck(X509Certificate[] chain) throws CertificateException {
        X509Certificate leaf = chain[0];
        leaf.checkValidity();
        long generation = crls.generation();
        if (Long.valueOf(generation).equals(rechecked.get(leaf))) {
            return;
        }
        // the key exchange algorithm does not matter for a client chain (the JDK checks it only for servers)
        current().checkClientTrusted(chain, "UNKNOWN");
        if (rechecked.size() >= RECHECK_CACHE_LIMIT) {
            rechecked.clear();
        }
        rechecked.put(leaf, generation);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the SOAP port checks client certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the SOAP port checks client certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the SOAP port checks client certificates only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current().getAcceptedIssuers();
    }

    private X509ExtendedTrustManager current() {
        Built b = built;
        long generation = crls.generation();
        if (b.generation() != generation) {
            synchronized (this) {
                if (built.generation() != generation) {
                    built = build(generation);
                }
                b = built;
            }
        }
        return b.pkix();
    }

    private Built build(long generation) {
        try {
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustStore, new X509CertSelector());
            if (crls.isEmpty()) {
                params.setRevocationEnabled(false);
            } else {
                // Legacy revocation mode: CRLs from the cert stores only, unless the JVM enables OCSP or CRLDP itself.
                params.setRevocationEnabled(true);
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls.crls())));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(params));
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return new Built(generation, x);
                }
            }
            throw new IllegalStateException("the PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("gateway.soap.tls.truststore: cannot build the client certificate check: "
                    + e.getMessage(), e);
        }
    }
}
