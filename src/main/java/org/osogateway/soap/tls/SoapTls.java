package org.osogateway.soap.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngineFactory;

/**
 * TLS for the SOAP port: the server key from the keystore, client certificates checked against the truststore
 * and the CRLs, TLS 1.3/1.2 with strong cipher suites only, handed to CXF's Undertow engine for the port.
 */
public final class SoapTls {
    private final SoapTlsSettings settings;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final CrlSource crls;
    private final ClientCertificateTrustManager trustManager;
    private final TLSServerParameters parameters;

    private SoapTls(SoapTlsSettings settings, List<String> protocols, List<String> cipherSuites, CrlSource crls,
                    ClientCertificateTrustManager trustManager, TLSServerParameters parameters) {
        this.settings = settings;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.crls = crls;
        this.trustManager = trustManager;
        this.parameters = parameters;
    }

    /** Reads the stores and CRLs; every problem refuses the start with the setting and file it comes from. */
    public static SoapTls create(SoapTlsSettings s, Clock clock) {
        List<String> protocols = TlsCryptoPolicy.protocols(s.protocols());
        List<String> suites = TlsCryptoPolicy.cipherSuites(s.cipherSuites(), protocols, supportedCipherSuites());
        KeyStore keys = load("keystore", s.keystore(), s.keystorePassword(), s.keystoreType());
        checkKeyEntry(keys, s.keystore(), s.keyAlias());
        if (s.truststore() == null && s.clientAuth() != ClientAuth.NONE) {
            throw new IllegalArgumentException(SoapTlsSettings.PREFIX + "truststore is not set; it is needed to check client "
                    + "certificates (" + SoapTlsSettings.PREFIX + "client-auth=" + s.clientAuth().value() + ")");
        }
        CrlSource crls = new CrlSource(s.crlFiles(), s.crlCheckInterval(), clock);
        ClientCertificateTrustManager trust = s.truststore() == null ? null
                : new ClientCertificateTrustManager(load("truststore", s.truststore(), s.truststorePassword(),
                        s.truststoreType()), crls);

        TLSServerParameters p = new TLSServerParameters();
        p.setSecureSocketProtocol("TLS");
        p.setKeyManagers(keyManagers(keys, s));
        if (s.keyAlias() != null) {
            p.setCertAlias(s.keyAlias());
        }
        if (trust != null) {
            p.setTrustManagers(new TrustManager[] {trust});
        }
        // CXF's Undertow engine enables its default protocol list minus the excluded ones, and only applies the
        // exclusions when some protocol is "included": both lists are needed.
        p.setIncludeProtocols(protocols);
        p.setExcludeProtocols(TlsCryptoPolicy.excludedProtocols(protocols));
        p.setCipherSuites(suites);
        ClientAuthentication auth = new ClientAuthentication();
        auth.setRequired(s.clientAuth() == ClientAuth.NEED);
        auth.setWant(s.clientAuth() != ClientAuth.NONE);
        p.setClientAuthentication(auth);
        return new SoapTls(s, protocols, suites, crls, trust, p);
    }

    /** Makes CXF's Undertow engine for this host and port speak TLS with these parameters (before the endpoint starts). */
    public void install(Bus bus, String host, int port) {
        UndertowHTTPServerEngineFactory factory = bus.getExtension(UndertowHTTPServerEngineFactory.class);
        if (factory == null) {
            throw new IllegalStateException("the CXF Undertow transport is not on the classpath");
        }
        try {
            factory.setTLSServerParametersForPort(host, port, parameters);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS on the SOAP port " + port + ": " + e.getMessage(), e);
        }
    }

    public SoapTlsSettings settings() {
        return settings;
    }

    public List<String> protocols() {
        return protocols;
    }

    public List<String> cipherSuites() {
        return cipherSuites;
    }

    public CrlSource crls() {
        return crls;
    }

    /** The client certificate check, or null when no truststore is configured (client-auth none). */
    public ClientCertificateTrustManager trustManager() {
        return trustManager;
    }

    TLSServerParameters parameters() {
        return parameters;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(KeyStore keys, SoapTlsSettings s) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, s.keystorePassword());
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(SoapTlsSettings.PREFIX + "keystore: cannot use the key in " + s.keystore()
                    + " (its key password must be " + SoapTlsSettings.PREFIX + "keystore-password): " + e.getMessage(), e);
        }
    }

    private static void checkKeyEntry(KeyStore keys, Path file, String alias) {
        try {
            if (alias != null) {
                if (!keys.isKeyEntry(alias)) {
                    throw new IllegalArgumentException(SoapTlsSettings.PREFIX + "key-alias: " + file + " has no key entry '"
                            + alias + "'");
                }
                return;
            }
            for (String a : Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(a)) {
                    return;
                }
            }
            throw new IllegalArgumentException(SoapTlsSettings.PREFIX + "keystore: " + file
                    + " holds no private key with its certificate");
        } catch (java.security.KeyStoreException e) {
            throw new IllegalArgumentException(SoapTlsSettings.PREFIX + "keystore: cannot read " + file, e);
        }
    }

    private static KeyStore load(String setting, Path file, char[] password, String type) {
        String key = SoapTlsSettings.PREFIX + setting;
        if (file == null) {
            throw new IllegalArgumentException(key + " is not set (" + SoapTlsSettings.PREFIX + "enabled=true)");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(key + ": file not found or not readable: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(key + ": cannot open " + file + " as " + type + " (wrong " + key
                    + "-password, or not a " + type + " file): " + e.getMessage(), e);
        }
    }

    private static String[] supportedCipherSuites() {
        try {
            return SSLContext.getDefault().getServerSocketFactory().getSupportedCipherSuites();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime offers no TLS: " + e.getMessage(), e);
        }
    }
}
