package org.osogateway.registry.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.pki.DevPki;
import org.osogateway.support.TestPki;

/**
 * Two-way TLS to the OSR with the gateway.registry.remote.tls.* settings: WireMock over https demanding a client
 * certificate; the client certificate, the truststore and the host name decide.
 */
class OsrClientTlsTest {
    private static final String T = RemoteRegistryFactory.TLS_PREFIX;
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    private static final String SCHOOL = "0000000700004HR00000";

    @TempDir
    static Path dir;
    static TestPki pki;
    static WireMockServer osr;
    static WireMockServer wrongHostOsr;

    @BeforeAll
    static void startOsr() throws Exception {
        pki = TestPki.create(dir);
        Path wrongHost = dir.resolve("osr-wrong-host.p12");
        DevPki.writeKeyStore(wrongHost, TestPki.PASSWORD.toCharArray(), "server", DevPki.issueServer(pki.ca(),
                "osr.elsewhere.example", List.of("osr.elsewhere.example"), List.of(), pki.validFrom(), pki.validUntil()));
        osr = start(pki.lasServerKeyStore());
        wrongHostOsr = start(wrongHost);
    }

    private static WireMockServer start(Path serverKeyStore) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().dynamicHttpsPort()
                .keystorePath(serverKeyStore.toString()).keystorePassword(TestPki.PASSWORD)
                .keyManagerPassword(TestPki.PASSWORD).keystoreType("PKCS12").needClientAuth(true)
                .trustStorePath(pki.trustStore().toString()).trustStorePassword(TestPki.PASSWORD).trustStoreType("PKCS12"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/api/v2/mandates")).willReturn(okJson("[{\"supplier_oin\":\"00000003123456780000\","
                + "\"school_oin\":\"" + SCHOOL + "\",\"service_version_namespace\":\"urn:v\","
                + "\"valid_from\":\"2024-01-01\",\"valid_to\":null}]")));
        return server;
    }

    @AfterAll
    static void stopOsr() {
        for (WireMockServer server : new WireMockServer[] {osr, wrongHostOsr}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    private static Map<String, String> settings(String prefix) {
        Map<String, String> s = new HashMap<>();
        s.put(prefix + "keystore", pki.gatewayClientKeyStore().toString());
        s.put(prefix + "keystore-password", TestPki.PASSWORD);
        s.put(prefix + "truststore", pki.trustStore().toString());
        s.put(prefix + "truststore-password", TestPki.PASSWORD);
        return s;
    }

    private static OsrClient client(WireMockServer server, Map<String, String> settings) {
        return new OsrClient(URI.create("https://localhost:" + server.httpsPort()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RemoteRegistryFactory.tls(settings::get));
    }

    @Test
    void presentsTheClientCertificate() {
        assertThat(client(osr, settings(T)).mandates(null, SCHOOL, null, DAY)).hasSize(1);
        assertThat(osr.getAllServeEvents()).isNotEmpty();
    }

    @Test
    void theDeprecatedSettingNamesStillWork() {
        assertThat(client(osr, settings(RemoteRegistryFactory.PREFIX)).mandates(null, SCHOOL, null, DAY)).hasSize(1);
    }

    @Test
    void withoutAClientCertificateTheOsrIsUnavailable() {
        Map<String, String> trustOnly = settings(T);
        trustOnly.remove(T + "keystore");
        assertThatThrownBy(() -> client(osr, trustOnly).mandates(null, SCHOOL, null, DAY))
                .isInstanceOf(OsrUnavailableException.class);
    }

    @Test
    void withTheJvmTrustTheTestCaIsNotTrusted() {
        Map<String, String> jvmTrust = settings(T);
        jvmTrust.remove(T + "truststore");
        assertThatThrownBy(() -> client(osr, jvmTrust).mandates(null, SCHOOL, null, DAY))
                .isInstanceOf(OsrUnavailableException.class);
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() {
        assertThatThrownBy(() -> client(wrongHostOsr, settings(T)).mandates(null, SCHOOL, null, DAY))
                .isInstanceOf(OsrUnavailableException.class);
        assertThat(wrongHostOsr.getAllServeEvents()).isEmpty();
    }
}
