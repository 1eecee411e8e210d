package org.osogateway.soap.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The {@code gateway.soap.tls.*} settings, read with their defaults; {@link #toString} shows no password. */
public record SoapTlsSettings(boolean enabled, Path keystore, char[] keystorePassword, String keystoreType,
                              String keyAlias, Path truststore, char[] truststorePassword, String truststoreType,
                              ClientAuth clientAuth, String protocols, String cipherSuites, List<Path> crlFiles,
                              Duration crlCheckInterval, String oinAttribute) {
    public static final String PREFIX = "gateway.soap.tls.";

    /** Reads the settings; {@code lookup} answers null for a key that is not set. */
    public static SoapTlsSettings from(Function<String, String> lookup) {
        Function<String, String> get = k -> {
            String v = lookup.apply(PREFIX + k);
            return v == null ? "" : v.trim();
        };
        return new SoapTlsSettings(
                Boolean.parseBoolean(or(get.apply("enabled"), "false")),
                path(get.apply("keystore")), get.apply("keystore-password").toCharArray(),
                or(get.apply("keystore-type"), "PKCS12"), emptyToNull(get.apply("key-alias")),
                path(get.apply("truststore")), get.apply("truststore-password").toCharArray(),
                or(get.apply("truststore-type"), "PKCS12"),
                ClientAuth.parse(or(get.apply("client-auth"), "need")),
                or(get.apply("protocols"), "TLSv1.3,TLSv1.2"), get.apply("cipher-suites"),
                Arrays.stream(get.apply("crl-files").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(Path::of).toList(),
                duration(or(get.apply("crl-check-interval"), "PT5S")),
                or(get.apply("oin-attribute"), "serialNumber"));
    }

    @Override
    public String toString() {
        return "SoapTlsSettings[enabled=" + enabled + ", keystore=" + keystore + ", keyAlias=" + keyAlias
                + ", truststore=" + truststore + ", clientAuth=" + clientAuth.value() + ", protocols=" + protocols
                + ", crlFiles=" + crlFiles + ", oinAttribute=" + oinAttribute + "]";
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + "crl-check-interval must be an ISO-8601 duration such as PT5S, not '"
                    + value + "'");
        }
    }

    private static Path path(String value) {
        return value.isEmpty() ? null : Path.of(value);
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
