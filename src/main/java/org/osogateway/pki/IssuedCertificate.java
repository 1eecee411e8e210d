package org.osogateway.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key and its chain (leaf first, then the issuers up to and including the root).
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("chain must start with the certificate itself");
        }
    }
}
