package org.osogateway.soap.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which TLS protocol versions and cipher suites the SOAP port may use: TLS 1.3 and 1.2 only, and only
 * suites with forward secrecy and an AEAD cipher (no CBC, RSA key exchange, 3DES, RC4, NULL, EXPORT, anon).
 */
public final class TlsCryptoPolicy {
    /** The only versions that may be configured, in order of preference. */
    public static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Every protocol name the JDK knows; all but the configured ones are switched off on the listener. */
    static final List<String> KNOWN_PROTOCOLS = List.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

    /** The built-in list used when {@code gateway.soap.tls.cipher-suites} is empty, strongest first. */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.copyOf(concat(TLS13_SUITES, List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));

    private TlsCryptoPolicy() {
    }

    /** The configured protocol versions ({@code gateway.soap.tls.protocols}); anything but TLSv1.3 and TLSv1.2 is refused. */
    public static List<String> protocols(String csv) {
        List<String> protocols = csv(csv);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("gateway.soap.tls.protocols is empty; use TLSv1.3,TLSv1.2");
        }
        for (String p : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("gateway.soap.tls.protocols may only contain TLSv1.3 and TLSv1.2, not '"
                        + p + "'");
            }
        }
        return protocols;
    }

    /** The protocol names the listener must switch off: every known one that is not configured. */
    public static List<String> excludedProtocols(List<String> enabled) {
        return KNOWN_PROTOCOLS.stream().filter(p -> !enabled.contains(p)).toList();
    }

    /**
     * The cipher suites to enable ({@code gateway.soap.tls.cipher-suites}): the configured ones, each of which
     * must be strong and supported, or else the built-in list; kept to those usable with the enabled protocols.
     */
    public static List<String> cipherSuites(String csv, List<String> protocols, String[] supportedByJvm) {
        Set<String> supported = new LinkedHashSet<>(Arrays.asList(supportedByJvm));
        List<String> configured = csv(csv);
        List<String> chosen = new ArrayList<>();
        if (configured.isEmpty()) {
            DEFAULT_CIPHER_SUITES.stream().filter(supported::contains).forEach(chosen::add);
        } else {
            for (String suite : configured) {
                if (!isStrong(suite)) {
                    throw new IllegalArgumentException("gateway.soap.tls.cipher-suites: '" + suite
                            + "' is not allowed (only TLS 1.3 suites and ECDHE with AES-GCM or CHACHA20-POLY1305)");
                }
                if (!supported.contains(suite)) {
                    throw new IllegalArgumentException("gateway.soap.tls.cipher-suites: '" + suite
                            + "' is not supported by this Java runtime");
                }
                chosen.add(suite);
            }
        }
        List<String> usable = chosen.stream().filter(s -> protocols.stream().anyMatch(p -> usableWith(s, p))).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("gateway.soap.tls.cipher-suites: none of " + chosen
                    + " can be used with gateway.soap.tls.protocols=" + String.join(",", protocols));
        }
        return usable;
    }

    /** A TLS 1.3 suite, or ECDHE key exchange with an AEAD cipher. */
    static boolean isStrong(String suite) {
        if (TLS13_SUITES.contains(suite)) {
            return true;
        }
        boolean ecdhe = suite.startsWith("TLS_ECDHE_ECDSA_WITH_") || suite.startsWith("TLS_ECDHE_RSA_WITH_");
        boolean aead = suite.contains("_AES_128_GCM_") || suite.contains("_AES_256_GCM_")
                || suite.endsWith("_CHACHA20_POLY1305_SHA256");
        return ecdhe && aead;
    }

    private static boolean usableWith(String suite, String protocol) {
        return TLS13_SUITES.contains(suite) == "TLSv1.3".equals(protocol);
    }

    private static List<String> csv(String csv) {
        if (csv == null) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
