package org.osogateway.soap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;

class SoapTlsTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makePki() {
        pki = TestPki.create(dir);
    }

    @Test
    void mutualTlsParametersForTheUndertowEngine() {
        SoapTls tls = SoapTls.create(SoapTlsSettings.from(settings()::get), Clock.systemUTC());
        TLSServerParameters p = tls.parameters();

        assertThat(p.getClientAuthentication().isRequired()).isTrue();
        assertThat(p.getClientAuthentication().isWant()).isTrue();
        assertThat(p.getIncludeProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(p.getExcludeProtocols()).containsExactly("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        assertThat(p.getCipherSuites()).isEqualTo(tls.cipherSuites()).isNotEmpty();
        assertThat(p.getTrustManagers()).singleElement().isSameAs(tls.trustManager());
        assertThat(tls.crls().files()).containsExactly(pki.crlFile());
    }

    @Test
    void clientAuthWantAsksForACertificateWithoutRequiringIt() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.client-auth", "want");
        TLSServerParameters p = SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()).parameters();

        assertThat(p.getClientAuthentication().isRequired()).isFalse();
        assertThat(p.getClientAuthentication().isWant()).isTrue();
    }

    @Test
    void aWrongKeystorePasswordNamesTheSettingAndNotThePassword() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.keystore-password", "wrong-secret");

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessageStartingWith("gateway.soap.tls.keystore: cannot open " + pki.gatewayServerKeyStore()
                        + " as PKCS12 (wrong gateway.soap.tls.keystore-password, or not a PKCS12 file)")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aMissingKeystoreNamesTheSettingAndTheFile() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.keystore", dir.resolve("nope.p12").toString());

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessage("gateway.soap.tls.keystore: file not found or not readable: " + dir.resolve("nope.p12"));
    }

    @Test
    void anUnsetKeystoreNamesTheSetting() {
        Map<String, String> s = settings();
        s.remove("gateway.soap.tls.keystore");

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessage("gateway.soap.tls.keystore is not set (gateway.soap.tls.enabled=true)");
    }

    @Test
    void aKeystoreWithoutAKeyIsRefused() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.keystore", pki.trustStore().toString());

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessage("gateway.soap.tls.keystore: " + pki.trustStore() + " holds no private key with its certificate");
    }

    @Test
    void anUnknownKeyAliasNamesTheSetting() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.key-alias", "other");

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessage("gateway.soap.tls.key-alias: " + pki.gatewayServerKeyStore() + " has no key entry 'other'");
    }

    @Test
    void clientAuthenticationWithoutATruststoreIsRefused() {
        Map<String, String> s = settings();
        s.remove("gateway.soap.tls.truststore");

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessage("gateway.soap.tls.truststore is not set; it is needed to check client certificates "
                        + "(gateway.soap.tls.client-auth=need)");
    }

    @Test
    void aMissingCrlFileNamesIt() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.crl-files", pki.crlFile() + ", " + dir.resolve("gone.crl"));

        assertThatThrownBy(() -> SoapTls.create(SoapTlsSettings.from(s::get), Clock.systemUTC()))
                .hasMessageStartingWith("gateway.soap.tls.crl-files: cannot read the CRL file " + dir.resolve("gone.crl"));
    }

    @Test
    void anUnknownClientAuthValueNamesTheSetting() {
        Map<String, String> s = settings();
        s.put("gateway.soap.tls.client-auth", "required");

        assertThatThrownBy(() -> SoapTlsSettings.from(s::get))
                .hasMessage("gateway.soap.tls.client-auth must be need, want or none, not 'required'");
    }

    @Test
    void theSettingsNeverShowAPassword() {
        assertThat(SoapTlsSettings.from(settings()::get).toString()).doesNotContain(TestPki.PASSWORD);
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        // the same settings a test gateway gets
        TestGateway.mutualTls(pki).forEach((k, v) -> s.put((String) k, (String) v));
        return s;
    }
}
