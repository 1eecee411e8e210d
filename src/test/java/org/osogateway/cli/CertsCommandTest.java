package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.pki.DevPki;

/** The {@code certs} commands run in-process: the files they write load, chain and revoke as the JDK expects. */
class CertsCommandTest {
    static final String PW = "s3cret-pw";
    static final String OIN = "00000003000000000001";

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    CliRun devSetup(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("certs", "dev-setup", "--out", dir.toString(),
                "--password", PW));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void devSetupWritesStoresThatLoadAndASupplierCertificateThatValidates() throws Exception {
        CliRun r = devSetup();

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain(PW).contains("supplier.p12", "OIN " + OIN, "gateway-server.p12");
        for (String name : List.of("ca.p12", "ca.pem", "ca.crl", "truststore.p12", "gateway-server.p12",
                "gateway-client.p12", "las-server.p12", "supplier.p12", "supplier.pem", "supplier-key.pem")) {
            assertThat(dir.resolve(name)).isRegularFile();
        }
        for (String name : List.of("ca.p12", "gateway-server.p12", "gateway-client.p12", "las-server.p12", "supplier.p12")) {
            assertThat(DevPki.readKeyStore(dir.resolve(name), PW.toCharArray()).chain()).as(name).isNotEmpty();
        }
        X509Certificate supplier = DevPki.readKeyStore(dir.resolve("supplier.p12"), PW.toCharArray()).certificate();
        assertThat(serialNumberAttribute(supplier)).isEqualTo(OIN);
        assertThat(serialNumberAttribute(DevPki.readKeyStore(dir.resolve("gateway-client.p12"), PW.toCharArray())
                .certificate())).isEqualTo("00000001234567890000");
        assertThat(readCertificates(dir.resolve("supplier.pem")).get(0)).isEqualTo(supplier);
        assertThat(Files.readString(dir.resolve("supplier-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        X509Certificate ca = readCertificates(dir.resolve("ca.pem")).get(0);
        validate(supplier, ca, readCrl(dir.resolve("ca.crl")));
        KeyStore trust = load(dir.resolve("truststore.p12"));
        assertThat(Collections.list(trust.aliases())).hasSize(1);
        assertThat(trust.getCertificate(trust.aliases().nextElement())).isEqualTo(ca);
        TrustManagerFactory.getInstance("PKIX").init(trust);
    }

    @Test
    void withoutPasswordTheDevelopmentPasswordIsUsedWithAWarning() throws Exception {
        assumeTrue(System.getenv(CertsOptions.PASSWORD_ENV) == null, CertsOptions.PASSWORD_ENV + " is set");
        CliRun r = run("certs", "ca", "--out", dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: no --password and no OSO_CERTS_PASSWORD set: using the development"
                + " password").doesNotContain("changeit");
        assertThat(DevPki.readKeyStore(dir.resolve("ca.p12"), "changeit".toCharArray()).certificate()
                .getSubjectX500Principal().getName()).isEqualTo("CN=OSO Dev CA");
    }

    @Test
    void revokeAddsToTheCrlKeepingEarlierEntriesAndTheNumberGrows() throws Exception {
        assertThat(devSetup().exit()).isZero();
        Path ca = dir.resolve("ca.p12");
        Path crl = dir.resolve("ca.crl");
        Path other = dir.resolve("other.p12");
        assertThat(run("certs", "client", "--ca", ca.toString(), "--oin", "00000003999999990000", "--name", "Other",
                "--out", other.toString(), "--password", PW).exit()).isZero();
        BigInteger before = crlNumber(readCrl(crl));

        CliRun first = run("certs", "revoke", "--ca", ca.toString(), "--crl", crl.toString(), "--password", PW,
                dir.resolve("supplier.pem").toString());
        CliRun second = run("certs", "revoke", "--ca", ca.toString(), "--crl", crl.toString(), "--password", PW,
                dir.resolve("other.pem").toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        X509CRL updated = readCrl(crl);
        updated.verify(readCertificates(dir.resolve("ca.pem")).get(0).getPublicKey());
        X509Certificate supplier = readCertificates(dir.resolve("supplier.pem")).get(0);
        X509Certificate otherCert = readCertificates(dir.resolve("other.pem")).get(0);
        assertThat(updated.getRevokedCertificates()).extracting(e -> e.getSerialNumber())
                .containsExactlyInAnyOrder(supplier.getSerialNumber(), otherCert.getSerialNumber());
        assertThat(crlNumber(updated)).isGreaterThan(before);
        assertThat(second.out()).contains("CRL " + crl + ": 2 entries");
    }

    @Test
    void revokeCreatesTheCrlWhenAbsentAndRefusesACertificateOfAnotherCa() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run("certs", "ca", "--out", a.toString(), "--password", PW).exit()).isZero();
        assertThat(run("certs", "ca", "--out", b.toString(), "--name", "Other CA", "--password", PW).exit()).isZero();
        Path crl = a.resolve("ca.crl");

        CliRun own = run("certs", "revoke", "--ca", a.resolve("ca.p12").toString(), "--crl", crl.toString(),
                "--password", PW, a.resolve("ca.pem").toString());
        CliRun foreign = run("certs", "revoke", "--ca", a.resolve("ca.p12").toString(), "--crl", crl.toString(),
                "--password", PW, b.resolve("ca.pem").toString());

        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(readCrl(crl).getRevokedCertificates()).hasSize(1);
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("CERT.pem " + b.resolve("ca.pem") + " was not signed by the --ca CN=OSO Dev CA");
        assertThat(readCrl(crl).getRevokedCertificates()).hasSize(1);
    }

    @Test
    void existingFilesAreNotOverwrittenWithoutForce() throws Exception {
        assertThat(devSetup().exit()).isZero();
        String caPem = Files.readString(dir.resolve("ca.pem"));

        CliRun again = devSetup();

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains(dir.resolve("ca.p12") + " exists; give --force to overwrite it");
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(caPem);
        assertThat(devSetup("--force").exit()).isZero();
        assertThat(Files.readString(dir.resolve("ca.pem"))).isNotEqualTo(caPem);
    }

    @Test
    void aBadOinIsExitTwoNamingTheOption() {
        assertThat(run("certs", "ca", "--out", dir.toString(), "--password", PW).exit()).isZero();

        CliRun r = run("certs", "client", "--ca", dir.resolve("ca.p12").toString(), "--oin", "1234-5678",
                "--name", "LAS supplier", "--out", dir.resolve("c.p12").toString(), "--password", PW);
        CliRun setup = run("certs", "dev-setup", "--out", dir.resolve("x").toString(), "--supplier-oin", "0000000312345678000",
                "--password", PW);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--oin must be an OIN of 20 letters or digits (e.g. 00000003123456780000), got '1234-5678'");
        assertThat(dir.resolve("c.p12")).doesNotExist();
        assertThat(setup.exit()).isEqualTo(2);
        assertThat(setup.err()).contains("--supplier-oin must be an OIN of 20 letters or digits");
    }

    @Test
    void aWrongCaPasswordOrMissingCaIsExitTwoNamingTheFile() {
        assertThat(run("certs", "ca", "--out", dir.toString(), "--password", PW).exit()).isZero();
        Path ca = dir.resolve("ca.p12");

        CliRun wrong = run("certs", "server", "--ca", ca.toString(), "--out", dir.resolve("s.p12").toString(),
                "--password", "bad-pw-123");
        CliRun missing = run("certs", "crl", "--ca", dir.resolve("nope.p12").toString(), "--out",
                dir.resolve("ca.crl").toString(), "--password", PW);

        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("--ca " + ca + ": cannot read keystore " + ca).doesNotContain("bad-pw-123");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--ca " + dir.resolve("nope.p12") + ": keystore not found");
    }

    @Test
    void serverWritesKeystoreChainAndKeyWithTheGivenNames() throws Exception {
        assertThat(run("certs", "ca", "--out", dir.toString(), "--password", PW).exit()).isZero();
        Path out = dir.resolve("las.p12");

        CliRun r = run("certs", "server", "--ca", dir.resolve("ca.p12").toString(), "--out", out.toString(),
                "--dns", "las.test", "--ip", "10.0.0.5", "--password", PW);
        CliRun badIp = run("certs", "server", "--ca", dir.resolve("ca.p12").toString(), "--out",
                dir.resolve("bad.p12").toString(), "--ip", "10.0.0", "--password", PW);

        assertThat(r.exit()).as(r.err()).isZero();
        X509Certificate cert = DevPki.readKeyStore(out, PW.toCharArray()).certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=las.test");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "las.test"), List.of(7, "10.0.0.5"));
        assertThat(readCertificates(dir.resolve("las.pem"))).hasSize(2).first().isEqualTo(cert);
        assertThat(dir.resolve("las-key.pem")).isRegularFile();
        assertThat(badIp.exit()).isEqualTo(2);
        assertThat(badIp.err()).contains("--ip: not an IP address: '10.0.0'");
    }

    @Test
    void truststoreTrustsTheGivenCertificates() throws Exception {
        assertThat(run("certs", "ca", "--out", dir.resolve("a").toString(), "--password", PW).exit()).isZero();
        assertThat(run("certs", "ca", "--out", dir.resolve("b").toString(), "--name", "B", "--password", PW).exit()).isZero();
        Path out = dir.resolve("trust.p12");

        CliRun r = run("certs", "truststore", "--out", out.toString(), "--password", PW,
                dir.resolve("a/ca.pem").toString(), dir.resolve("b/ca.pem").toString());
        CliRun notPem = run("certs", "truststore", "--out", dir.resolve("t2.p12").toString(), "--password", PW,
                dir.resolve("a/ca.p12").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        KeyStore trust = load(out);
        List<String> aliases = Collections.list(trust.aliases());
        assertThat(aliases).hasSize(2);
        for (String alias : aliases) {
            assertThat(trust.isCertificateEntry(alias)).as(alias).isTrue();
        }
        assertThat(notPem.exit()).isEqualTo(2);
        assertThat(notPem.err()).contains("CERT.pem " + dir.resolve("a/ca.p12") + " is not a readable certificate file");
    }

    static String serialNumberAttribute(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        return IETFUtils.valueToString(subject.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue());
    }

    static void validate(X509Certificate leaf, X509Certificate ca, X509CRL crl) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(true);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
    }

    static List<X509Certificate> readCertificates(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    static X509CRL readCrl(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }

    static BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets()).getValue();
    }

    static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PW.toCharArray());
        }
        return store;
    }
}
