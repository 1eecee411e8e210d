package org.osogateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The file side of the {@code certs} commands: overwrite guard, reading inputs (bad input = exit 2), writing sets. */
final class CertFiles {
    private final CommandLine cli;
    private final char[] password;
    private final boolean force;

    CertFiles(CommandLine cli, char[] password, boolean force) {
        this.cli = cli;
        this.password = password;
        this.force = force;
    }

    /** Checks all outputs before anything is written, so a refusal leaves no half-written set behind. */
    void checkWritable(List<Path> files) {
        for (Path file : files) {
            if (Files.exists(file) && !force) {
                throw new ParameterException(cli, file + " exists; give --force to overwrite it");
            }
        }
    }

    /** Writes FILE.p12 with key and chain, FILE.pem with the chain and FILE-key.pem with the key (for curl). */
    void writeWithPem(Path keyStore, String alias, IssuedCertificate cert) throws IOException {
        writeKeyStore(keyStore, alias, cert);
        DevPki.writePem(pemFor(keyStore), cert.chain().toArray(X509Certificate[]::new));
        DevPki.writePrivateKeyPem(keyFor(keyStore), cert.privateKey());
    }

    void writeKeyStore(Path keyStore, String alias, IssuedCertificate cert) throws IOException {
        createParent(keyStore);
        DevPki.writeKeyStore(keyStore, password, alias, cert);
    }

    void writeTrustStore(Path file, List<X509Certificate> trusted) throws IOException {
        createParent(file);
        DevPki.writeTrustStore(file, password, trusted);
    }

    /** The CA (key and certificate) from its PKCS12 file; a missing file or wrong password is bad input. */
    IssuedCertificate readCa(Path file) {
        IssuedCertificate ca;
        try {
            ca = DevPki.readKeyStore(file, password);
        } catch (IOException e) {
            throw new ParameterException(cli, "--ca " + file + ": " + e.getMessage());
        }
        if (ca.certificate().getBasicConstraints() < 0) {
            throw new ParameterException(cli, "--ca " + file + " holds no CA certificate");
        }
        return ca;
    }

    /** Every certificate in the PEM (or DER) files, in order. */
    List<X509Certificate> readCertificates(String option, List<Path> files) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                List<X509Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast).toList();
                if (read.isEmpty()) {
                    throw new ParameterException(cli, option + " " + file + " holds no certificate");
                }
                certs.addAll(read);
            } catch (IOException | GeneralSecurityException e) {
                throw new ParameterException(cli, option + " " + file + " is not a readable certificate file: "
                        + e.getMessage());
            }
        }
        return certs;
    }

    X509CRL readCrl(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ParameterException(cli, "--crl " + file + " is not a readable CRL: " + e.getMessage());
        }
    }

    static Path pemFor(Path keyStore) {
        return keyStore.resolveSibling(baseName(keyStore) + ".pem");
    }

    static Path keyFor(Path keyStore) {
        return keyStore.resolveSibling(baseName(keyStore) + "-key.pem");
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static String baseName(Path keyStore) {
        String name = keyStore.getFileName().toString();
        return name.endsWith(".p12") ? name.substring(0, name.length() - 4) : name;
    }
}
