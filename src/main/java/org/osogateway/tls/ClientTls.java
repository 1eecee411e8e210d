package org.osogateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The gateway's TLS as a client (delivery to a receiving LAS, calls to the OSR): its own client certificate,
 * the certificates it trusts, and TLS 1.2 or 1.3 only, from one group of settings such as
 * {@code gateway.delivery.tls.*}. Host-name verification is the caller's HTTP client's job and stays on.
 */
public final class ClientTls {
    /** The only protocol versions a client connection may use (Digikoppeling: TLS 1.2 minimum). */
    public static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The settings (or command-line options) of the keystore, its password and the truststore, for messages. */
    private final String keystoreSetting;
    private final String keyPasswordSetting;
    private final String truststoreSetting;
    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final Path keystoreFile;
    private final KeyStore trustStore;
    private final Path truststoreFile;
    private final List<String> protocols;

    private ClientTls(String keystoreSetting, String keyPasswordSetting, String truststoreSetting, KeyStore keyStore,
                      char[] keyPassword, Path keystoreFile, KeyStore trustStore, Path truststoreFile,
                      List<String> protocols) {
        this.keystoreSetting = keystoreSetting;
        this.keyPasswordSetting = keyPasswordSetting;
        this.truststoreSetting = truststoreSetting;
        this.keyStore = keyStore;
        this.keyPassword = keyPassword;
        this.keystoreFile = keystoreFile;
        this.trustStore = trustStore;
        this.truststoreFile = truststoreFile;
        this.protocols = List.copyOf(protocols);
    }

    /** No client certificate, the JVM's default trust, TLS 1.3 and 1.2. */
    public static ClientTls jvmDefaults() {
        return new ClientTls("keystore", "keystore-password", "truststore", null, null, null, null, null,
                ALLOWED_PROTOCOLS);
    }

    /**
     * Reads {@code <prefix>keystore}, {@code -password}, {@code -type} (PKCS12), {@code <prefix>truststore},
     * {@code -password}, {@code -type} (PKCS12) and {@code <prefix>protocols} (TLSv1.3,TLSv1.2), and loads both
     * stores now, so that a wrong setting stops the start with a message naming it. {@code prop} answers null or
     * blank for an unset key. An empty keystore means no client certificate, an empty truststore the JVM's trust.
     */
    public static ClientTls fromProperties(String prefix, Function<String, String> prop) {
        Path keystore = path(prop.apply(prefix + "keystore"));
        char[] keystorePassword = chars(prop.apply(prefix + "keystore-password"));
        KeyStore keys = keystore == null ? null : load(prefix + "keystore", keystore, keystorePassword,
                type(prop.apply(prefix + "keystore-type")), prefix + "keystore-password or " + prefix + "keystore-type");
        if (keys != null) {
            requireKeyEntry(prefix + "keystore", keystore, keys);
        }
        Path truststore = path(prop.apply(prefix + "truststore"));
        KeyStore trust = truststore == null ? null
                : load(prefix + "truststore", truststore, chars(prop.apply(prefix + "truststore-password")),
                        type(prop.apply(prefix + "truststore-type")),
                        prefix + "truststore-password or " + prefix + "truststore-type");
        if (trust != null) {
            requireCertificate(prefix + "truststore", truststore, trust);
        }
        return new ClientTls(prefix + "keystore", prefix + "keystore-password", prefix + "truststore", keys,
                keystorePassword, keystore, trust, truststore,
                protocols(prefix + "protocols", prop.apply(prefix + "protocols")));
    }

    /**
     * For a command line: a PKCS12 client keystore and a PKCS12 truststore (either may be null: no client
     * certificate, the JVM's trust) with one password, TLS 1.3 and 1.2. Both are loaded now; every error names the
     * option and the file, e.g. {@code --cert dev-pki/supplier.p12: cannot read ... (wrong --password?)}.
     */
    public static ClientTls fromOptions(String keystoreOption, Path keystore, String truststoreOption, Path truststore,
                                        String passwordOption, char[] password) {
        KeyStore keys = keystore == null ? null : load(keystoreOption, keystore, password, "PKCS12", passwordOption);
        if (keys != null) {
            requireKeyEntry(keystoreOption, keystore, keys);
        }
        KeyStore trust = truststore == null ? null
                : load(truststoreOption, truststore, password, "PKCS12", passwordOption);
        if (trust != null) {
            requireCertificate(truststoreOption, truststore, trust);
        }
        return new ClientTls(keystoreOption, passwordOption, truststoreOption, keys, password, keystore, trust,
                truststore, ALLOWED_PROTOCOLS);
    }

    /** Whether a client certificate is configured. */
    public boolean presentsClientCertificate() {
        return keyStore != null;
    }

    /** Whether the JVM's default trust store decides whom to trust (no truststore configured). */
    public boolean usesJvmTrust() {
        return trustStore == null;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** An SSLContext with the client certificate and the trust; pair it with {@link #sslParameters()}. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyPassword);
            }
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(keystoreSetting + ": cannot use the key in " + keystoreFile + " with "
                    + keyPasswordSetting + " (" + e.getMessage() + ")", e);
        }
    }

    /** The protocol versions, and host-name verification by the JDK (endpoint identification HTTPS). */
    public SSLParameters sslParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /**
     * A socket factory over {@link #sslContext()} whose sockets get {@link #sslParameters()}, for HTTP clients that
     * take no SSLParameters (CXF's HttpsURLConnection conduit).
     */
    public SSLSocketFactory socketFactory() {
        return new ParameterizedSocketFactory(sslContext().getSocketFactory(), sslParameters());
    }

    /** The same as Camel's SSLContextParameters, for camel-http (which verifies the host name itself). */
    public SSLContextParameters camelParameters() {
        SSLContextParameters parameters = new SSLContextParameters();
        if (keyStore != null) {
            KeyManagersParameters keyManagers = new KeyManagersParameters();
            keyManagers.setKeyStore(loaded(keyStore));
            keyManagers.setKeyPassword(new String(keyPassword == null ? new char[0] : keyPassword));
            parameters.setKeyManagers(keyManagers);
        }
        if (trustStore != null) {
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(loaded(trustStore));
            parameters.setTrustManagers(trustManagers);
        }
        SecureSocketProtocolsParameters versions = new SecureSocketProtocolsParameters();
        versions.setSecureSocketProtocol(protocols);
        parameters.setSecureSocketProtocols(versions);
        return parameters;
    }

    /** One line for the start-up log: files, the client certificate's subject, protocols; never a password. */
    public String summary() {
        String client = keyStore == null ? "no client certificate (" + keystoreSetting + " is empty)"
                : "client certificate " + clientSubject() + " from " + keystoreFile;
        String trust = trustStore == null ? "the JVM's default trust store (" + truststoreSetting + " is empty)"
                : "trust from " + truststoreFile;
        return client + "; " + trust + "; " + String.join(",", protocols) + " with host-name verification";
    }

    private String clientSubject() {
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate c) {
                    return Subjects.of(c);
                }
            }
        } catch (GeneralSecurityException e) {
            // checked at load time; nothing more to say here
        }
        return "(unknown subject)";
    }

    private static KeyStoreParameters loaded(KeyStore store) {
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setKeyStore(store);
        return parameters;
    }

    /** {@code suspects} names the settings to check when the file does not open, e.g. "x-password or x-type". */
    private static KeyStore load(String setting, Path file, char[] password, String type, String suspects) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(setting + ": file not found: " + file, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file + " as " + type + " (wrong "
                    + suspects + "?): " + e.getMessage(), e);
        }
    }

    private static void requireKeyEntry(String setting, Path file, KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + ": cannot list " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(setting + ": " + file + " holds no private key with its certificate");
    }

    private static void requireCertificate(String setting, Path file, KeyStore store) {
        try {
            if (store.size() > 0) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + ": cannot list " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(setting + ": " + file + " holds no certificates");
    }

    private static List<String> protocols(String setting, String value) {
        if (value == null || value.isBlank()) {
            return ALLOWED_PROTOCOLS;
        }
        List<String> chosen = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String p : chosen) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException(setting + ": " + p + " is not allowed; use "
                        + String.join(" and/or ", ALLOWED_PROTOCOLS));
            }
        }
        return chosen;
    }

    private static String type(String value) {
        return value == null || value.isBlank() ? "PKCS12" : value.trim();
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static char[] chars(String value) {
        return value == null ? new char[0] : value.toCharArray();
    }
}
