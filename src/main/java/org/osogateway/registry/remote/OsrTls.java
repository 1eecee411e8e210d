package org.osogateway.registry.remote;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the SSLContext for two-way TLS to the OSR: client certificate keystore and optional truststore. */
public record OsrTls(Path keystore, char[] keystorePassword, String keystoreType, Path truststore,
                     char[] truststorePassword) {

    /** No client certificate and the JVM's default trust: plain server-authenticated TLS. */
    public static OsrTls none() {
        return new OsrTls(null, null, null, null, null);
    }

    /** The context to use; the JVM default when neither keystore nor truststore is set. */
    public SSLContext sslContext() {
        try {
            if (keystore == null && truststore == null) {
                return SSLContext.getDefault();
            }
            KeyManagerFactory kmf = null;
            if (keystore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keystore, keystorePassword, type(keystoreType)), keystorePassword);
            }
            TrustManagerFactory tmf = null;
            if (truststore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(truststore, truststorePassword, type(null)));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS for the OSR: " + e.getMessage(), e);
        }
    }

    private static String type(String type) {
        return type == null || type.isBlank() ? "PKCS12" : type;
    }

    private static KeyStore load(Path file, char[] password, String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
