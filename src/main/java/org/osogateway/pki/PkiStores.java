package org.osogateway.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Reads and writes PKCS12 key- and truststores with the JDK's own PKCS12 implementation. */
final class PkiStores {
    private static final String TYPE = "PKCS12";

    private PkiStores() {
    }

    static void writeKeyStore(Path file, char[] password, String alias, IssuedCertificate cert) throws IOException {
        KeyStore store = empty();
        try {
            store.setKeyEntry(alias, cert.privateKey(), password, cert.chain().toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot put key '" + alias + "' into keystore " + file, e);
        }
        save(store, file, password);
    }

    static void writeTrustStore(Path file, char[] password, List<X509Certificate> trusted) throws IOException {
        KeyStore store = empty();
        try {
            for (X509Certificate cert : trusted) {
                store.setCertificateEntry(aliasFor(store, cert), cert);
            }
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot put certificates into truststore " + file, e);
        }
        save(store, file, password);
    }

    static IssuedCertificate readKeyStore(Path file, char[] password) throws IOException {
        KeyStore store = load(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    List<X509Certificate> chain = Arrays.stream(store.getCertificateChain(alias))
                            .map(X509Certificate.class::cast).toList();
                    return new IssuedCertificate(chain.get(0), key, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key in " + file + ": " + e.getMessage(), e);
        }
        throw new IOException("no private key entry in keystore " + file);
    }

    static KeyStore load(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read keystore " + file + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IOException("keystore not found: " + file, e);
        } catch (IOException e) {
            throw new IOException("cannot read keystore " + file + " (wrong password or not PKCS12?): "
                    + e.getMessage(), e);
        }
    }

    /** Subject CN plus a counter when two certificates share it, so aliases stay readable in keytool -list. */
    private static String aliasFor(KeyStore store, X509Certificate cert) throws GeneralSecurityException {
        String base = cert.getSubjectX500Principal().getName().replaceAll("[^A-Za-z0-9=,. -]", "").toLowerCase();
        String alias = base;
        for (int i = 2; store.containsAlias(alias); i++) {
            alias = base + " (" + i + ")";
        }
        return alias;
    }

    private static KeyStore empty() {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot create an empty " + TYPE + " keystore", e);
        }
    }

    private static void save(KeyStore store, Path file, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot write keystore " + file, e);
        }
    }
}
