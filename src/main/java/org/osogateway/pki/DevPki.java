package org.osogateway.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI: CAs, server and client (PKIoverheid-style, OIN in serialNumber) certificates, CRLs, and the
 * PKCS12/PEM files to hand them to the gateway, a mock LAS or curl. Not for production certificates.
 *
 * <p>Keys are RSA 2048 and signatures SHA256withRSA, made through the default JDK providers; BouncyCastle is only used
 * for its certificate builders and is never registered as a JCE provider.
 */
public final class DevPki {
    private static final String KEY_ALGORITHM = "RSA";
    private static final int KEY_SIZE = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevPki() {
    }

    /** A self-signed CA certificate that may sign certificates and CRLs. */
    public static IssuedCertificate createCa(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = sign(builder, keys.getPrivate());
            return new IssuedCertificate(cert, keys.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot create CA certificate '" + commonName + "'", e);
        }
    }

    /** A TLS server certificate for the given DNS names and IP addresses (both go into the subjectAltName). */
    public static IssuedCertificate issueServer(IssuedCertificate ca, String commonName, List<String> dnsNames,
            List<String> ipAddresses, Instant notBefore, Instant notAfter) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        for (String ip : ipAddresses) {
            try {
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an IP address: '" + ip + "'", e);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return issueEndEntity(ca, subject, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
                new GeneralNames(names.toArray(GeneralName[]::new)), notBefore, notAfter);
    }

    /**
     * A client certificate shaped like a PKIoverheid one: subject "CN=cn, O=organisation, serialNumber=oin, C=NL".
     * It also carries serverAuth so the same certificate can serve a LAS endpoint.
     */
    public static IssuedCertificate issueClient(IssuedCertificate ca, String commonName, String oin,
            String organisation, Instant notBefore, Instant notAfter) {
        // Added most significant first: that is the DER order, which the JDK prints as CN=.., O=.., SERIALNUMBER=.., C=NL.
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "NL")
                .addRDN(BCStyle.SERIALNUMBER, oin)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
        return issueEndEntity(ca, subject,
                new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth},
                null, notBefore, notAfter);
    }

    /**
     * A CRL signed by the CA listing the given certificates, revoked at {@code thisUpdate}. Its CRL number is
     * {@code thisUpdate} in epoch seconds, which grows with every reissue without keeping a counter anywhere.
     */
    public static X509CRL createCrl(IssuedCertificate ca, List<X509Certificate> revoked, Instant thisUpdate,
            Instant nextUpdate) {
        return createCrlFor(ca, revoked.stream().map(c -> new Revocation(c.getSerialNumber(), thisUpdate)).toList(),
                BigInteger.valueOf(thisUpdate.getEpochSecond()), thisUpdate, nextUpdate);
    }

    /** A CRL signed by the CA with the given entries and CRL number (which must grow with each CRL of this CA). */
    public static X509CRL createCrlFor(IssuedCertificate ca, List<Revocation> revocations, BigInteger crlNumber,
            Instant thisUpdate, Instant nextUpdate) {
        try {
            JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revocation r : revocations) {
                builder.addCRLEntry(r.serialNumber(), Date.from(r.revokedAt()), CRLReason.unspecified);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(ca.privateKey())));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot create CRL for " + ca.certificate().getSubjectX500Principal(), e);
        }
    }

    /** Writes a PKCS12 keystore with the key and its chain under {@code alias}. */
    public static void writeKeyStore(Path file, char[] password, String alias, IssuedCertificate cert)
            throws IOException {
        PkiStores.writeKeyStore(file, password, alias, cert);
    }

    /** Writes a PKCS12 truststore with one trusted-certificate entry per certificate. */
    public static void writeTrustStore(Path file, char[] password, List<X509Certificate> trusted) throws IOException {
        PkiStores.writeTrustStore(file, password, trusted);
    }

    /** Reads the first key entry (key and chain) of a PKCS12 keystore, e.g. a CA written by {@link #writeKeyStore}. */
    public static IssuedCertificate readKeyStore(Path file, char[] password) throws IOException {
        return PkiStores.readKeyStore(file, password);
    }

    /** Writes certificates as PEM "CERTIFICATE" blocks, in the given order. */
    public static void writePem(Path file, X509Certificate... certs) throws IOException {
        PemFiles.writeCertificates(file, certs);
    }

    /** Writes an unencrypted PKCS#8 PEM "PRIVATE KEY", readable by the owner only where the filesystem allows. */
    public static void writePrivateKeyPem(Path file, PrivateKey key) throws IOException {
        PemFiles.writePrivateKey(file, key);
    }

    /** Writes a CRL as a PEM "X509 CRL" block. */
    public static void writeCrl(Path file, X509CRL crl) throws IOException {
        PemFiles.writeCrl(file, crl);
    }

    private static IssuedCertificate issueEndEntity(IssuedCertificate ca, X500Name subject, KeyPurposeId[] purposes,
            GeneralNames subjectAltNames, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = builder(issuer, subject, keys.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(ca.certificate()));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            X509Certificate cert = sign(builder, ca.privateKey());
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(ca.chain());
            return new IssuedCertificate(cert, keys.getPrivate(), chain);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue certificate for " + subject, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
            Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        return new JcaX509v3CertificateBuilder(issuer, randomSerial(), Date.from(notBefore), Date.from(notAfter),
                subject, key);
    }

    /** 127 random bits plus one: positive, non-zero and within the 20 octets RFC 5280 allows. */
    private static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot create " + SIGNATURE_ALGORITHM + " signer", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
            generator.initialize(KEY_SIZE, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate " + KEY_ALGORITHM + " " + KEY_SIZE + " key pair", e);
        }
    }
}
