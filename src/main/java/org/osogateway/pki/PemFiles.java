package org.osogateway.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Writes certificates, PKCS#8 private keys and CRLs in PEM (RFC 7468), the form curl and OpenSSL read. */
final class PemFiles {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemFiles() {
    }

    static void writeCertificates(Path file, X509Certificate... certs) throws IOException {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate cert : certs) {
                pem.append(block("CERTIFICATE", cert.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot encode certificate for " + file, e);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    static void writeCrl(Path file, X509CRL crl) throws IOException {
        try {
            Files.writeString(file, block("X509 CRL", crl.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot encode CRL for " + file, e);
        }
    }

    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key is " + key.getFormat() + ", not PKCS#8: " + file);
        }
        String pem = block("PRIVATE KEY", key.getEncoded());
        if (file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Created with mode 600 from the start, so the key is never readable by others, not even briefly.
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
