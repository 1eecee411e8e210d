package org.osogateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;
import org.osogateway.pki.Revocation;

/**
 * Certificates for tests, made at test time in one folder: a trusted and an untrusted CA, the gateway's server and
 * outbound client keystores, mock-LAS server keystores, per-OIN supplier keystores (valid, expired, untrusted,
 * revoked) and the trusted CA's CRL. Every store has the password {@link #PASSWORD}.
 */
public final class TestPki {
    public static final String PASSWORD = "changeit";
    public static final String GATEWAY_CLIENT_OIN = "00000001234567890000";
    private static final char[] PW = PASSWORD.toCharArray();
    private static final Duration DAY = Duration.ofDays(1);

    private final Path dir;
    private final Instant now = Instant.now();
    private final IssuedCertificate ca;
    private final IssuedCertificate untrustedCa;
    private final Map<String, Path> issued = new HashMap<>();
    private final List<X509Certificate> revoked = new ArrayList<>();
    private long crlNumber;

    private TestPki(Path dir) {
        this.dir = dir;
        // The CAs outlive the expired certificate on both sides, so only the leaf's dates make it invalid.
        this.ca = DevPki.createCa("OSO Test CA", now.minus(DAY.multipliedBy(30)), now.plus(DAY.multipliedBy(30)));
        this.untrustedCa = DevPki.createCa("Untrusted Test CA", now.minus(DAY.multipliedBy(30)),
                now.plus(DAY.multipliedBy(30)));
    }

    /** Makes the CAs, gateway-server.p12, truststore.p12, las-server.p12, las-server-untrusted.p12, gateway-client.p12, ca.pem and ca.crl in {@code dir}. */
    public static TestPki create(Path dir) {
        TestPki pki = new TestPki(dir);
        try {
            pki.writeServer(pki.ca, "gateway-server.p12");
            pki.writeServer(pki.ca, "las-server.p12");
            pki.writeServer(pki.untrustedCa, "las-server-untrusted.p12");
            DevPki.writeTrustStore(pki.trustStore(), PW, List.of(pki.ca.certificate()));
            DevPki.writePem(pki.caPem(), pki.ca.certificate());
            DevPki.writeKeyStore(pki.gatewayClientKeyStore(), PW, "gateway-client", DevPki.issueClient(pki.ca,
                    "OSO Gateway", GATEWAY_CLIENT_OIN, "OSO Test Gateway", pki.validFrom(), pki.validUntil()));
            pki.writeCrl();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test PKI into " + dir, e);
        }
        return pki;
    }

    public IssuedCertificate ca() {
        return ca;
    }

    public IssuedCertificate untrustedCa() {
        return untrustedCa;
    }

    public Path gatewayServerKeyStore() {
        return dir.resolve("gateway-server.p12");
    }

    public Path gatewayClientKeyStore() {
        return dir.resolve("gateway-client.p12");
    }

    public Path lasServerKeyStore() {
        return dir.resolve("las-server.p12");
    }

    public Path lasServerUntrustedKeyStore() {
        return dir.resolve("las-server-untrusted.p12");
    }

    /** Trusts only "OSO Test CA". */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** PEM CRL of the trusted CA, rewritten by every {@link #revokedClientKeyStore}. */
    public Path crlFile() {
        return dir.resolve("ca.crl");
    }

    /** A supplier client keystore for the OIN from the trusted CA (issued once per OIN). */
    public synchronized Path clientKeyStore(String oin) {
        return issueOnce("client-" + oin + ".p12", ca, oin, validFrom(), validUntil());
    }

    /** Trusted CA, but valid from now-10d until now-1d. */
    public synchronized Path expiredClientKeyStore(String oin) {
        return issueOnce("client-expired-" + oin + ".p12", ca, oin, now.minus(DAY.multipliedBy(10)), now.minus(DAY));
    }

    /** Issued by "Untrusted Test CA". */
    public synchronized Path untrustedClientKeyStore(String oin) {
        return issueOnce("client-untrusted-" + oin + ".p12", untrustedCa, oin, validFrom(), validUntil());
    }

    /** Trusted CA, and listed in {@link #crlFile()}. */
    public synchronized Path revokedClientKeyStore(String oin) {
        String name = "client-revoked-" + oin + ".p12";
        boolean known = issued.containsKey(name);
        Path file = issueOnce(name, ca, oin, validFrom(), validUntil());
        if (!known) {
            revoked.add(certificateIn(file));
            writeCrl();
        }
        return file;
    }

    /** The leaf certificate of a keystore written by this class. */
    public static X509Certificate certificateIn(Path keyStore) {
        try {
            return DevPki.readKeyStore(keyStore, PW).certificate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS context with that keystore's key and trusting only the test CA; serves for clients and servers alike. */
    public SSLContext clientContext(Path keyStore) {
        return context(keyStore, trustStore());
    }

    /** TLS context from a PKCS12 keystore and truststore, both with {@link #PASSWORD}. */
    public static SSLContext context(Path keyStore, Path trustStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(load(keyStore), PW);
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(load(trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build TLS context from " + keyStore + " and " + trustStore, e);
        }
    }

    public Instant validFrom() {
        return now.minus(DAY);
    }

    public Instant validUntil() {
        return now.plus(DAY.multipliedBy(2));
    }

    private Path issueOnce(String name, IssuedCertificate issuer, String oin, Instant from, Instant until) {
        return issued.computeIfAbsent(name, n -> {
            Path file = dir.resolve(n);
            try {
                DevPki.writeKeyStore(file, PW, "client", DevPki.issueClient(issuer, "LAS supplier " + oin, oin,
                        "Test Supplier", from, until));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            return file;
        });
    }

    private void writeServer(IssuedCertificate issuer, String name) throws IOException {
        DevPki.writeKeyStore(dir.resolve(name), PW, "server", DevPki.issueServer(issuer, "localhost",
                List.of("localhost"), List.of("127.0.0.1"), validFrom(), validUntil()));
    }

    private void writeCrl() {
        try {
            // A minute back so that a check right after this one never sees a CRL from the future.
            Instant thisUpdate = Instant.now().minusSeconds(60);
            List<Revocation> entries = revoked.stream().map(c -> new Revocation(c.getSerialNumber(), thisUpdate)).toList();
            DevPki.writeCrl(crlFile(), DevPki.createCrlFor(ca, entries, BigInteger.valueOf(++crlNumber), thisUpdate,
                    validUntil()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + crlFile(), e);
        }
    }

    private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(file)) {
            store.load(in, PW);
        }
        return store;
    }
}
