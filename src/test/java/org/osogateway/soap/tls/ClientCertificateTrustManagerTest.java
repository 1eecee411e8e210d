package org.osogateway.soap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;
import org.osogateway.support.TestPki;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificateTrustManagerTest {
    static final String OIN = "00000003000000000001";

    @TempDir
    static Path dir;
    TestPki pki;
    KeyStore trustStore;
    CrlSourceTest.MutableClock clock = new CrlSourceTest.MutableClock();

    @BeforeAll
    void makePki() throws Exception {
        pki = TestPki.create(dir);
        trustStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.trustStore())) {
            trustStore.load(in, TestPki.PASSWORD.toCharArray());
        }
    }

    @Test
    void aValidCertificateOfTheTrustedCaIsAccepted() {
        ClientCertificateTrustManager tm = withCrl();

        assertThatCode(() -> tm.checkClientTrusted(chain(pki.clientKeyStore(OIN)), "RSA")).doesNotThrowAnyException();
        assertThat(tm.getAcceptedIssuers()).extracting(X509Certificate::getSubjectX500Principal)
                .containsExactly(pki.ca().certificate().getSubjectX500Principal());
    }

    @Test
    void aRevokedCertificateIsRefusedAsRevoked() {
        X509Certificate[] revoked = chain(pki.revokedClientKeyStore("00000003000000000066"));
        ClientCertificateTrustManager tm = withCrl();

        assertThat(reason(() -> tm.checkClientTrusted(revoked, "RSA"))).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
    }

    @Test
    void anExpiredCertificateIsRefusedAsExpired() {
        ClientCertificateTrustManager tm = withCrl();

        assertThat(reason(() -> tm.checkClientTrusted(chain(pki.expiredClientKeyStore(OIN)), "RSA")))
                .isEqualTo(CertPathValidatorException.BasicReason.EXPIRED);
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() {
        ClientCertificateTrustManager tm = withCrl();

        CertificateException e = catchThrowableOfType(CertificateException.class,
                () -> tm.checkClientTrusted(chain(pki.untrustedClientKeyStore(OIN)), "RSA"));
        assertThat(e).isNotNull().hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void withCrlsACertificateWhoseIssuerHasNoCurrentCrlIsRefused() throws Exception {
        IssuedCertificate otherCa = DevPki.createCa("Other Test CA", Instant.now().minusSeconds(3600),
                Instant.now().plus(Duration.ofDays(3)));
        Path otherCrl = dir.resolve("other.crl");
        Instant now = Instant.now().minusSeconds(60);
        DevPki.writeCrl(otherCrl, DevPki.createCrl(otherCa, List.of(), now, now.plus(Duration.ofDays(1))));
        ClientCertificateTrustManager tm = new ClientCertificateTrustManager(trustStore,
                new CrlSource(List.of(otherCrl), Duration.ofSeconds(5), clock));

        assertThat(reason(() -> tm.checkClientTrusted(chain(pki.clientKeyStore(OIN)), "RSA")))
                .isEqualTo(CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS);
    }

    @Test
    void withoutCrlsRevocationIsNotChecked() {
        X509Certificate[] revoked = chain(pki.revokedClientKeyStore("00000003000000000067"));
        ClientCertificateTrustManager tm = new ClientCertificateTrustManager(trustStore,
                new CrlSource(List.of(), Duration.ofSeconds(5), clock));

        assertThatCode(() -> tm.checkClientTrusted(revoked, "RSA")).doesNotThrowAnyException();
    }

    @Test
    void aNewCrlTakesEffectWithoutANewTrustManagerAndAlsoForRechecks() throws Exception {
        Path crlFile = dir.resolve("changing.crl");
        Instant now = Instant.now().minusSeconds(60);
        DevPki.writeCrl(crlFile, DevPki.createCrl(pki.ca(), List.of(), now, now.plus(Duration.ofDays(1))));
        ClientCertificateTrustManager tm = new ClientCertificateTrustManager(trustStore,
                new CrlSource(List.of(crlFile), Duration.ofSeconds(5), clock));
        X509Certificate[] chain = chain(pki.clientKeyStore("00000003000000000068"));
        tm.checkClientTrusted(chain, "RSA");
        tm.recheck(chain);

        DevPki.writeCrl(crlFile, DevPki.createCrl(pki.ca(), List.of(chain[0]), now.plusSeconds(1), now.plus(Duration.ofDays(1))));
        Files.setLastModifiedTime(crlFile, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        clock.advance(Duration.ofSeconds(5));

        assertThat(reason(() -> tm.checkClientTrusted(chain, "RSA"))).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
        assertThat(reason(() -> tm.recheck(chain))).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
    }

    @Test
    void itChecksNoServerCertificates() {
        assertThat(catchThrowableOfType(CertificateException.class,
                () -> withCrl().checkServerTrusted(chain(pki.clientKeyStore(OIN)), "RSA")))
                .hasMessage("the SOAP port checks client certificates only");
    }

    private ClientCertificateTrustManager withCrl() {
        return new ClientCertificateTrustManager(trustStore, new CrlSource(List.of(pki.crlFile()), Duration.ofSeconds(5),
                clock));
    }

    private static X509Certificate[] chain(Path keyStore) {
        return new X509Certificate[] {TestPki.certificateIn(keyStore)};
    }

    /** The PKIX reason under the CertificateException that the trust manager throws. */
    private static CertPathValidatorException.Reason reason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        CertificateException e = catchThrowableOfType(CertificateException.class, call);
        assertThat(e).as("refused").isNotNull();
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathValidatorException v) {
                return v.getReason();
            }
        }
        throw new AssertionError("no CertPathValidatorException under " + e);
    }
}
