package org.osogateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.support.TestPki;

/** Certificates from {@link DevPki} are what the JDK's PKIX validation and TLS stack expect, and its files read back. */
class DevPkiTest {
    static final String OIN = "00000003123456780000";

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir);
    }

    @Test
    void caIsSelfSignedWithCaExtensions() throws Exception {
        X509Certificate ca = pki.ca().certificate();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isNotEqualTo(-1);
        assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(pki.ca().chain()).containsExactly(ca);
    }

    @Test
    void serverCertificateHasSansServerAuthAndVerifiesAgainstItsCa() throws Exception {
        IssuedCertificate server = DevPki.issueServer(pki.ca(), "gateway.test", List.of("gateway.test", "localhost"),
                List.of("127.0.0.1", "::1"), pki.validFrom(), pki.validUntil());
        X509Certificate cert = server.certificate();

        cert.verify(pki.ca().certificate().getPublicKey());
        assertThat(server.chain()).containsExactly(cert, pki.ca().certificate());
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "gateway.test"), List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
    }

    @Test
    void serverCertificateRejectsAnInvalidIpAddress() {
        assertThatThrownBy(() -> DevPki.issueServer(pki.ca(), "x", List.of(), List.of("localhost"),
                pki.validFrom(), pki.validUntil()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an IP address: 'localhost'");
    }

    @Test
    void serialsAreRandom() {
        IssuedCertificate a = DevPki.issueClient(pki.ca(), "a", OIN, "Org", pki.validFrom(), pki.validUntil());
        IssuedCertificate b = DevPki.issueClient(pki.ca(), "a", OIN, "Org", pki.validFrom(), pki.validUntil());
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
    }

    @Test
    void clientSubjectCarriesTheOinAsSerialNumberLikePkiOverheid() throws Exception {
        X509Certificate cert = TestPki.certificateIn(pki.clientKeyStore(OIN));

        assertThat(cert.getSubjectX500Principal().toString())
                .isEqualTo("CN=LAS supplier " + OIN + ", O=Test Supplier, SERIALNUMBER=" + OIN + ", C=NL");
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        assertThat(subject.getRDNs(BCStyle.SERIALNUMBER)).hasSize(1);
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue()))
                .isEqualTo(OIN);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
    }

    @Test
    void pkixAcceptsAValidClientCertificateWithRevocationChecking() throws Exception {
        validate(TestPki.certificateIn(pki.clientKeyStore(OIN)));
    }

    @Test
    void pkixRejectsAnExpiredCertificate() {
        X509Certificate expired = TestPki.certificateIn(pki.expiredClientKeyStore(OIN));
        assertThatThrownBy(() -> validate(expired)).isInstanceOfSatisfying(CertPathValidatorException.class,
                e -> assertThat(e.getReason()).isEqualTo(BasicReason.EXPIRED));
    }

    @Test
    void pkixRejectsARevokedCertificate() {
        X509Certificate revoked = TestPki.certificateIn(pki.revokedClientKeyStore(OIN));
        assertThatThrownBy(() -> validate(revoked)).isInstanceOfSatisfying(CertPathValidatorException.class,
                e -> assertThat(e.getReason()).isEqualTo(BasicReason.REVOKED));
    }

    @Test
    void pkixRejectsACertificateFromTheUntrustedCa() {
        X509Certificate untrusted = TestPki.certificateIn(pki.untrustedClientKeyStore(OIN));
        assertThatThrownBy(() -> validate(untrusted)).isInstanceOfSatisfying(CertPathValidatorException.class,
                e -> assertThat(e.getReason()).isEqualTo(java.security.cert.PKIXReason.NO_TRUST_ANCHOR));
    }

    @Test
    void crlPemReadsBackSignedByTheCaWithNumberAndEntry() throws Exception {
        X509Certificate revoked = TestPki.certificateIn(pki.revokedClientKeyStore("00000009999999990000"));
        X509CRL crl = readCrl(pki.crlFile());

        crl.verify(pki.ca().certificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(pki.ca().certificate().getSubjectX500Principal());
        assertThat(crl.getRevokedCertificate(revoked.getSerialNumber())).isNotNull();
        byte[] number = crl.getExtensionValue(Extension.cRLNumber.getId());
        assertThat(ASN1Integer.getInstance(ASN1OctetString.getInstance(number).getOctets()).getValue().signum())
                .isPositive();
        assertThat(Files.readString(pki.crlFile())).startsWith("-----BEGIN X509 CRL-----\n");
    }

    @Test
    void createCrlDatesTheEntriesAtThisUpdate() throws Exception {
        Instant thisUpdate = Instant.parse("2030-01-01T00:00:00Z");
        X509Certificate cert = TestPki.certificateIn(pki.clientKeyStore(OIN));
        X509CRL crl = DevPki.createCrl(pki.ca(), List.of(cert), thisUpdate, thisUpdate.plus(Duration.ofDays(7)));
        assertThat(crl.getRevokedCertificate(cert).getRevocationDate().toInstant()).isEqualTo(thisUpdate);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(thisUpdate.plus(Duration.ofDays(7)));
    }

    @Test
    void keyStoreRoundTripsKeyAndChain() throws Exception {
        Path file = dir.resolve("roundtrip.p12");
        IssuedCertificate client = DevPki.issueClient(pki.ca(), "rt", OIN, "Org", pki.validFrom(), pki.validUntil());
        DevPki.writeKeyStore(file, "secret".toCharArray(), "rt", client);

        IssuedCertificate read = DevPki.readKeyStore(file, "secret".toCharArray());
        assertThat(read.certificate()).isEqualTo(client.certificate());
        assertThat(read.chain()).containsExactlyElementsOf(client.chain());
        assertThat(read.privateKey().getEncoded()).isEqualTo(client.privateKey().getEncoded());
        assertThatThrownBy(() -> DevPki.readKeyStore(file, "wrong".toCharArray()))
                .hasMessageContaining("cannot read keystore " + file);
    }

    @Test
    void pemFilesReadBackAndTheKeyIsOwnerOnly() throws Exception {
        IssuedCertificate server = DevPki.issueServer(pki.ca(), "pem", List.of("localhost"), List.of(),
                pki.validFrom(), pki.validUntil());
        Path certs = dir.resolve("pem.pem");
        Path key = dir.resolve("pem-key.pem");
        DevPki.writePem(certs, server.chain().toArray(X509Certificate[]::new));
        DevPki.writePrivateKeyPem(key, server.privateKey());

        try (InputStream in = Files.newInputStream(certs)) {
            Collection<? extends java.security.cert.Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            assertThat(List.copyOf(read)).isEqualTo(List.copyOf(server.chain()));
        }
        String pem = Files.readString(key);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)))
                .isEqualTo(server.privateKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void tlsHandshakeWithClientAuthSucceedsForATrustedSupplier() throws Exception {
        assertThat(handshake(pki.clientKeyStore(OIN))).isEqualTo("CN=LAS supplier " + OIN
                + ", O=Test Supplier, SERIALNUMBER=" + OIN + ", C=NL");
    }

    @Test
    void tlsHandshakeFailsForAnUntrustedSupplier() {
        assertThatThrownBy(() -> handshake(pki.untrustedClientKeyStore(OIN)))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    /** Validates leaf -> test CA with revocation checking against the test CRL, as the JDK's PKIX does. */
    private static void validate(X509Certificate leaf) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.ca().certificate(), null)));
        params.setRevocationEnabled(true);
        params.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(List.of(readCrl(pki.crlFile())))));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), params);
    }

    private static X509CRL readCrl(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.CRL> crls = CertificateFactory.getInstance("X.509").generateCRLs(in);
            assertThat(crls).hasSize(1);
            return (X509CRL) crls.iterator().next();
        }
    }

    /**
     * A TLS handshake on loopback: the server uses gateway-server.p12 and the truststore and needs client auth; the
     * client verifies the server's IP SAN. Returns the client subject the server saw; throws the server's failure.
     */
    private static String handshake(Path clientKeyStore) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) pki.clientContext(pki.gatewayServerKeyStore())
                .getServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            server.setSoTimeout(5000);
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    String peer = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().toString();
                    try (OutputStream out = socket.getOutputStream()) {
                        out.write(1);
                    }
                    return peer;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) pki.clientContext(clientKeyStore).getSocketFactory()
                    .createSocket("127.0.0.1", server.getLocalPort())) {
                SSLParameters params = client.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(params);
                client.setSoTimeout(5000);
                client.startHandshake();
                client.getInputStream().read();
            } catch (java.io.IOException clientSide) {
                // With TLS 1.3 the client learns of a rejected certificate only afterwards; the server's cause counts.
            }
            try {
                return accepted.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }
    }
}
