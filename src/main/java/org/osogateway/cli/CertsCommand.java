package org.osogateway.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;
import org.osogateway.pki.Revocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A development PKI: a CA, server and supplier client certificates, truststores and CRLs. Not for production. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Development PKI for integration teams: a test CA, server and client (OIN) certificates, PKCS12"
                + " stores and CRLs. Not for production certificates.",
        subcommands = {CertsCommand.Ca.class, CertsCommand.Server.class, CertsCommand.Client.class,
                CertsCommand.TrustStore.class, CertsCommand.Revoke.class, CertsCommand.Crl.class, DevSetupCommand.class})
public final class CertsCommand {
    static final Pattern OIN = Pattern.compile("[A-Za-z0-9]{20}");

    /** A new self-signed CA: DIR/ca.p12 (key and certificate) and DIR/ca.pem. */
    @Command(name = "ca", mixinStandardHelpOptions = true, description = "Create a CA: DIR/ca.p12 (with its key) and DIR/ca.pem.")
    static final class Ca implements Callable<Integer> {
        @Mixin
        CertsOptions options;
        @Spec
        CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for ca.p12 and ca.pem.")
        Path out;
        @Option(names = "--name", defaultValue = "OSO Dev CA", description = "CA common name. Default: ${DEFAULT-VALUE}.")
        String name;
        @Option(names = "--days", defaultValue = "825", description = "Validity in days. Default: ${DEFAULT-VALUE}.")
        int days;

        @Override
        public Integer call() throws Exception {
            Path keyStore = out.resolve("ca.p12");
            Path pem = out.resolve("ca.pem");
            CertFiles files = options.files();
            files.checkWritable(List.of(keyStore, pem));
            IssuedCertificate ca = DevPki.createCa(name, CertsOptions.notBefore(), options.notAfter(days, "--days"));
            files.writeKeyStore(keyStore, "ca", ca);
            DevPki.writePem(pem, ca.certificate());
            spec.commandLine().getOut().printf("CA '%s' valid until %s: %s (key, keep it private), %s%n", name,
                    ca.certificate().getNotAfter().toInstant(), keyStore, pem);
            return 0;
        }
    }

    /** A TLS server certificate from the CA, as FILE.p12 plus FILE.pem and FILE-key.pem. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Issue a TLS server certificate: FILE.p12, FILE.pem (chain) and FILE-key.pem.")
    static final class Server extends IssueCommand {
        @Option(names = "--dns", paramLabel = "NAME", description = "DNS name (repeatable). Default: localhost when neither --dns nor --ip is given.")
        List<String> dns = new ArrayList<>();
        @Option(names = "--ip", paramLabel = "ADDRESS", description = "IP address (repeatable). Default: 127.0.0.1 when neither --dns nor --ip is given.")
        List<String> ip = new ArrayList<>();
        @Option(names = "--name", paramLabel = "CN", description = "Common name. Default: the first DNS name, else the first IP address.")
        String name;

        @Override
        IssuedCertificate issue(IssuedCertificate ca, Instant notBefore, Instant notAfter) {
            if (dns.isEmpty() && ip.isEmpty()) {
                dns = List.of("localhost");
                ip = List.of("127.0.0.1");
            }
            String cn = name != null ? name : !dns.isEmpty() ? dns.get(0) : ip.get(0);
            try {
                return DevPki.issueServer(ca, cn, dns, ip, notBefore, notAfter);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--ip: " + e.getMessage());
            }
        }
    }

    /** A supplier (or gateway) client certificate with the OIN in the subject's serialNumber. */
    @Command(name = "client", mixinStandardHelpOptions = true,
            description = "Issue a client certificate for an OIN (subject serialNumber, as in PKIoverheid): FILE.p12,"
                    + " FILE.pem and FILE-key.pem (for curl --cert FILE.pem --key FILE-key.pem).")
    static final class Client extends IssueCommand {
        @Option(names = "--oin", required = true, description = "The organisation's OIN: 20 letters or digits.")
        String oin;
        @Option(names = "--name", required = true, paramLabel = "CN", description = "Common name, e.g. \"LAS supplier\".")
        String name;
        @Option(names = "--org", description = "Organisation (O). Default: the common name.")
        String org;

        @Override
        void checkInput() {
            checkOin(spec, "--oin", oin);
        }

        @Override
        IssuedCertificate issue(IssuedCertificate ca, Instant notBefore, Instant notAfter) {
            return DevPki.issueClient(ca, name, oin, org != null ? org : name, notBefore, notAfter);
        }
    }

    /** A PKCS12 truststore of the given certificates. */
    @Command(name = "truststore", mixinStandardHelpOptions = true,
            description = "Write a PKCS12 truststore trusting every certificate in the PEM files.")
    static final class TrustStore implements Callable<Integer> {
        @Mixin
        CertsOptions options;
        @Spec
        CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "FILE.p12", description = "Truststore to write.")
        Path out;
        @Parameters(paramLabel = "CERT.pem", arity = "1..*", description = "Certificates to trust, e.g. ca.pem.")
        List<Path> certs;

        @Override
        public Integer call() throws Exception {
            CertFiles files = options.files();
            files.checkWritable(List.of(out));
            List<X509Certificate> trusted = files.readCertificates("CERT.pem", certs);
            files.writeTrustStore(out, trusted);
            spec.commandLine().getOut().printf("truststore %s trusts %d certificate(s)%n", out, trusted.size());
            return 0;
        }
    }

    /** Adds certificates to the CA's CRL (creating it when absent); without certificates it only renews the CRL. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Add certificates to the CA's CRL, keeping its entries; creates the CRL when absent. Without"
                    + " CERT.pem it renews the CRL (new next-update) with the same entries.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        CertsOptions options;
        @Spec
        CommandSpec spec;
        @Option(names = "--ca", required = true, paramLabel = "CA.p12", description = "The CA keystore (from 'certs ca').")
        Path caFile;
        @Option(names = "--crl", required = true, paramLabel = "CA.crl", description = "The CRL to update (PEM).")
        Path crlFile;
        @Option(names = "--days", defaultValue = "365", description = "Days until the CRL's next update. Default: ${DEFAULT-VALUE}.")
        int days;
        @Parameters(paramLabel = "CERT.pem", arity = "0..*", description = "Certificates to revoke (the first in each file).")
        List<Path> certs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            CertFiles files = options.files();
            IssuedCertificate ca = files.readCa(caFile);
            Instant nextUpdate = options.notAfter(days, "--days");
            List<Revocation> entries = new ArrayList<>();
            BigInteger number = BigInteger.ZERO;
            if (Files.exists(crlFile)) {
                X509CRL previous = files.readCrl(crlFile);
                checkIssuedBy(spec, "--crl " + crlFile, previous, ca);
                Set<? extends X509CRLEntry> old = previous.getRevokedCertificates();
                if (old != null) {
                    old.forEach(e -> entries.add(new Revocation(e.getSerialNumber(), e.getRevocationDate().toInstant())));
                }
                number = crlNumber(previous);
            }
            Instant now = Instant.now();
            PrintWriter out = spec.commandLine().getOut();
            for (Path certFile : certs) {
                X509Certificate cert = files.readCertificates("CERT.pem", List.of(certFile)).get(0);
                checkIssuedBy(spec, "CERT.pem " + certFile, cert, ca);
                if (entries.stream().anyMatch(e -> e.serialNumber().equals(cert.getSerialNumber()))) {
                    out.printf("already revoked: serial %s (%s)%n", cert.getSerialNumber().toString(16), certFile);
                } else {
                    entries.add(new Revocation(cert.getSerialNumber(), now));
                    out.printf("revoked: serial %s %s%n", cert.getSerialNumber().toString(16), cert.getSubjectX500Principal());
                }
            }
            // The CRL number must grow: the clock in seconds, or one more than before if that is not larger.
            BigInteger next = BigInteger.valueOf(now.getEpochSecond()).max(number.add(BigInteger.ONE));
            CertFiles.createParent(crlFile);
            DevPki.writeCrl(crlFile, DevPki.createCrlFor(ca, entries, next, now, nextUpdate));
            out.printf("CRL %s: %d entr%s, next update %s%n", crlFile, entries.size(), entries.size() == 1 ? "y" : "ies",
                    nextUpdate);
            return 0;
        }
    }

    /** A new, empty CRL of the CA. */
    @Command(name = "crl", mixinStandardHelpOptions = true, description = "Write an empty CRL of the CA (PEM).")
    static final class Crl implements Callable<Integer> {
        @Mixin
        CertsOptions options;
        @Spec
        CommandSpec spec;
        @Option(names = "--ca", required = true, paramLabel = "CA.p12", description = "The CA keystore (from 'certs ca').")
        Path caFile;
        @Option(names = "--out", required = true, paramLabel = "CA.crl", description = "CRL file to write.")
        Path out;
        @Option(names = "--days", defaultValue = "365", description = "Days until the CRL's next update. Default: ${DEFAULT-VALUE}.")
        int days;

        @Override
        public Integer call() throws Exception {
            CertFiles files = options.files();
            files.checkWritable(List.of(out));
            IssuedCertificate ca = files.readCa(caFile);
            Instant nextUpdate = options.notAfter(days, "--days");
            CertFiles.createParent(out);
            DevPki.writeCrl(out, DevPki.createCrl(ca, List.of(), Instant.now(), nextUpdate));
            spec.commandLine().getOut().printf("empty CRL %s, next update %s%n", out, nextUpdate);
            return 0;
        }
    }

    static void checkOin(CommandSpec spec, String option, String oin) {
        if (!OIN.matcher(oin).matches()) {
            throw new ParameterException(spec.commandLine(), option + " must be an OIN of 20 letters or digits"
                    + " (e.g. 00000003123456780000), got '" + oin + "'");
        }
    }

    private static void checkIssuedBy(CommandSpec spec, String what, java.security.cert.X509Extension signed,
            IssuedCertificate ca) {
        try {
            if (signed instanceof X509Certificate cert) {
                cert.verify(ca.certificate().getPublicKey());
            } else {
                ((X509CRL) signed).verify(ca.certificate().getPublicKey());
            }
        } catch (GeneralSecurityException e) {
            throw new ParameterException(spec.commandLine(), what + " was not signed by the --ca "
                    + ca.certificate().getSubjectX500Principal());
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        return value == null ? BigInteger.ZERO
                : ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
    }
}
