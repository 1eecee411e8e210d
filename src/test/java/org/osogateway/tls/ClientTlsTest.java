package org.osogateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.support.TestPki;

/** The client TLS settings: what they load, what they refuse (naming the setting), and the protocol versions used. */
class ClientTlsTest {
    static final String P = "gateway.delivery.tls.";

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir);
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put(P + "keystore", pki.gatewayClientKeyStore().toString());
        s.put(P + "keystore-password", TestPki.PASSWORD);
        s.put(P + "truststore", pki.trustStore().toString());
        s.put(P + "truststore-password", TestPki.PASSWORD);
        return s;
    }

    private static ClientTls tls(Map<String, String> s) {
        return ClientTls.fromProperties(P, s::get);
    }

    @Test
    void loadsTheClientCertificateAndTheTrust() {
        ClientTls tls = tls(settings());
        assertThat(tls.presentsClientCertificate()).isTrue();
        assertThat(tls.usesJvmTrust()).isFalse();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.summary()).contains("SERIALNUMBER=" + TestPki.GATEWAY_CLIENT_OIN)
                .contains(pki.trustStore().toString()).doesNotContain(TestPki.PASSWORD);
    }

    @Test
    void emptySettingsMeanNoClientCertificateAndTheJvmTrust() {
        ClientTls tls = tls(Map.of(P + "keystore", "", P + "truststore", " "));
        assertThat(tls.presentsClientCertificate()).isFalse();
        assertThat(tls.usesJvmTrust()).isTrue();
        assertThat(tls.summary()).contains("JVM's default trust store").contains(P + "keystore is empty");
        assertThat(tls.sslContext()).isNotNull();
    }

    @Test
    void aMissingFileIsNamedWithItsSetting() {
        Map<String, String> s = settings();
        s.put(P + "truststore", dir.resolve("nope.p12").toString());
        assertThatThrownBy(() -> tls(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(P + "truststore: file not found: " + dir.resolve("nope.p12"));
    }

    @Test
    void aWrongPasswordNamesThePasswordSetting() {
        Map<String, String> s = settings();
        s.put(P + "keystore-password", "s3cret-guess");
        assertThatThrownBy(() -> tls(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(P + "keystore: cannot read " + pki.gatewayClientKeyStore())
                .hasMessageContaining(P + "keystore-password").hasMessageNotContaining("s3cret-guess");
    }

    @Test
    void aKeystoreWithoutAKeyIsRefused() {
        Map<String, String> s = settings();
        s.put(P + "keystore", pki.trustStore().toString());
        assertThatThrownBy(() -> tls(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(P + "keystore: " + pki.trustStore() + " holds no private key with its certificate");
    }

    @Test
    void onlyTls12And13AreAllowed() {
        Map<String, String> s = settings();
        s.put(P + "protocols", "TLSv1.3, TLSv1.1");
        assertThatThrownBy(() -> tls(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(P + "protocols: TLSv1.1 is not allowed; use TLSv1.3 and/or TLSv1.2");
        s.put(P + "protocols", "TLSv1.2");
        assertThat(tls(s).protocols()).containsExactly("TLSv1.2");
    }

    @Test
    void socketsFromBothFormsUseOnlyTheConfiguredVersionsAndVerifyTheHostName() throws Exception {
        Map<String, String> s = settings();
        s.put(P + "protocols", "TLSv1.3");
        ClientTls tls = tls(s);
        assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(tls.sslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        try (DefaultCamelContext camel = new DefaultCamelContext();
             SSLSocket socket = (SSLSocket) tls.camelParameters().createSSLContext(camel).getSocketFactory().createSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
    }

    @Test
    void aServerThatOnlySpeaksAnotherVersionFailsTheHandshake() throws Exception {
        Map<String, String> s = settings();
        s.put(P + "protocols", "TLSv1.3");
        SSLContext client = tls(s).sslContext();
        SSLContext server = pki.clientContext(pki.lasServerKeyStore());
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.2"});
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                } catch (IOException expected) {
                    // the client gives up
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                socket.setSSLParameters(tls(s).sslParameters());
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
            served.join();
        }
    }

    @Test
    void theSocketFactoryGivesEverySocketTheVersionsAndTheHostNameCheck() throws Exception {
        ClientTls tls = ClientTls.fromOptions("--cert", pki.clientKeyStore("00000003000000000001"), "--truststore",
                pki.trustStore(), "--password", TestPki.PASSWORD.toCharArray());

        try (SSLSocket unconnected = (SSLSocket) tls.socketFactory().createSocket()) {
            assertThat(unconnected.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(unconnected.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
        assertThat(tls.presentsClientCertificate()).isTrue();
        assertThat(tls.usesJvmTrust()).isFalse();
    }

    @Test
    void optionErrorsNameTheOptionAndTheFile() {
        Path cert = pki.clientKeyStore("00000003000000000001");
        char[] pw = TestPki.PASSWORD.toCharArray();

        assertThatThrownBy(() -> ClientTls.fromOptions("--cert", dir.resolve("nope.p12"), "--truststore", null, "--password", pw))
                .hasMessage("--cert: file not found: " + dir.resolve("nope.p12"));
        assertThatThrownBy(() -> ClientTls.fromOptions("--cert", cert, "--truststore", null, "--password",
                "s3cret-guess".toCharArray()))
                .hasMessageStartingWith("--cert: cannot read " + cert + " as PKCS12 (wrong --password?)")
                .hasMessageNotContaining("s3cret-guess");
        assertThatThrownBy(() -> ClientTls.fromOptions("--cert", pki.trustStore(), "--truststore", null, "--password", pw))
                .hasMessage("--cert: " + pki.trustStore() + " holds no private key with its certificate");
        assertThatThrownBy(() -> ClientTls.fromOptions("--cert", null, "--truststore", dir.resolve("t.p12"), "--password", pw))
                .hasMessage("--truststore: file not found: " + dir.resolve("t.p12"));
    }
}
