package org.osogateway.mock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the mock LAS speaks https: its server certificate and, to demand a client certificate, the truststore
 * that certificate must chain to.
 *
 * @param port               the https port, 0 for any free port
 * @param keystore           PKCS12 (or {@code keystoreType}) file with the server's private key and certificate
 * @param keystorePassword   its password (also the key's)
 * @param keystoreType       e.g. PKCS12
 * @param truststore         the CA certificates a client certificate must chain to, or null
 * @param truststorePassword its password, or null
 * @param truststoreType     e.g. PKCS12
 * @param needClientAuth     whether a caller without a trusted client certificate fails the handshake
 */
public record MockLasHttps(int port, Path keystore, String keystorePassword, String keystoreType, Path truststore,
                           String truststorePassword, String truststoreType, boolean needClientAuth) {

    public MockLasHttps {
        Objects.requireNonNull(keystore, "keystore");
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType;
        truststoreType = truststoreType == null || truststoreType.isBlank() ? "PKCS12" : truststoreType;
        if (needClientAuth && truststore == null) {
            throw new IllegalArgumentException("a client certificate can only be demanded with a truststore");
        }
    }

    /** Server certificate only: callers need no certificate of their own. */
    public static MockLasHttps serverOnly(int port, Path keystore, String password) {
        return new MockLasHttps(port, keystore, password, "PKCS12", null, null, "PKCS12", false);
    }

    /** Server certificate, and callers must present a certificate that chains to the truststore. */
    public static MockLasHttps mutual(int port, Path keystore, String password, Path truststore, String truststorePassword) {
        return new MockLasHttps(port, keystore, password, "PKCS12", truststore, truststorePassword, "PKCS12", true);
    }

    /** A server-side TLS context with this certificate and, when given, trust in the truststore's CAs. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, keystorePassword, keystoreType), keystorePassword.toCharArray());
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore, truststorePassword == null ? "" : truststorePassword, truststoreType));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use " + keystore + (truststore == null ? "" : " / " + truststore)
                    + " for https: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password, String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    @Override
    public String toString() {
        // The passwords stay out of logs.
        return "MockLasHttps[port=" + port + ", keystore=" + keystore + ", truststore=" + truststore
                + ", needClientAuth=" + needClientAuth + "]";
    }
}
