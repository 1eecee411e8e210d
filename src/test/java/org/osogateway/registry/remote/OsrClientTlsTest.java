package org.osogateway.registry.remote;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two-way TLS to the OSR: WireMock over https demanding a client certificate, keystores made by keytool. */
class OsrClientTlsTest {
    private static final String PW = "changeit";
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    @TempDir
    static Path dir;
    static WireMockServer osr;

    @BeforeAll
    static void startOsr() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool not available");
        for (String who : List.of("server", "client")) {
            keytool(keytool, "-genkeypair", "-alias", who, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=" + (who.equals("server") ? "localhost" : "osr-test-client"),
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", dir.resolve(who + ".p12").toString(), "-storepass", PW, "-keypass", PW);
            keytool(keytool, "-exportcert", "-alias", who, "-keystore", dir.resolve(who + ".p12").toString(),
                    "-storepass", PW, "-file", dir.resolve(who + ".cer").toString());
        }
        // each side trusts the other's self-signed certificate
        keytool(keytool, "-importcert", "-noprompt", "-alias", "server", "-file", dir.resolve("server.cer").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("client-trust.p12").toString(), "-storepass", PW);
        keytool(keytool, "-importcert", "-noprompt", "-alias", "client", "-file", dir.resolve("client.cer").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("server-trust.p12").toString(), "-storepass", PW);
        osr = new WireMockServer(WireMockConfiguration.options().dynamicPort().dynamicHttpsPort()
                .keystorePath(dir.resolve("server.p12").toString()).keystorePassword(PW).keyManagerPassword(PW)
                .keystoreType("PKCS12").needClientAuth(true)
                .trustStorePath(dir.resolve("server-trust.p12").toString()).trustStorePassword(PW)
                .trustStoreType("PKCS12"));
        osr.start();
        osr.stubFor(get(urlPathEqualTo("/api/v2/mandates")).willReturn(okJson("[{\"supplier_oin\":\"00000003123456780000\","
                + "\"school_oin\":\"0000000700004HR00000\",\"service_version_namespace\":\"urn:v\","
                + "\"valid_from\":\"2024-01-01\",\"valid_to\":null}]")));
    }

    @AfterAll
    static void stopOsr() {
        if (osr != null) {
            osr.stop();
        }
    }

    private static void keytool(Path keytool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static OsrClient client(OsrTls tls) {
        return new OsrClient(URI.create("https://localhost:" + osr.httpsPort()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), tls);
    }

    @Test
    void presentsTheClientCertificate() {
        OsrTls tls = new OsrTls(dir.resolve("client.p12"), PW.toCharArray(), "PKCS12",
                dir.resolve("client-trust.p12"), PW.toCharArray());
        assertThat(client(tls).mandates(null, "0000000700004HR00000", null, DAY)).hasSize(1);
    }

    @Test
    void withoutAClientCertificateTheOsrIsUnavailable() {
        OsrTls trustOnly = new OsrTls(null, null, null, dir.resolve("client-trust.p12"), PW.toCharArray());
        assertThatThrownBy(() -> client(trustOnly).mandates(null, "0000000700004HR00000", null, DAY))
                .isInstanceOf(OsrUnavailableException.class);
    }
}
