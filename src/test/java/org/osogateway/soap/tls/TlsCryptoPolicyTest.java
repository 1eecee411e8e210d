package org.osogateway.soap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsCryptoPolicyTest {
    static final List<String> BOTH = List.of("TLSv1.3", "TLSv1.2");

    @Test
    void tls13AndTls12AreAllowedAloneOrTogether() {
        assertThat(TlsCryptoPolicy.protocols("TLSv1.3,TLSv1.2")).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsCryptoPolicy.protocols(" TLSv1.2 ")).containsExactly("TLSv1.2");
        assertThat(TlsCryptoPolicy.protocols("TLSv1.3")).containsExactly("TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.1", "TLSv1", "SSLv3", "TLSv1.2,TLSv1.1", "tlsv1.2"})
    void anyOtherProtocolRefusesToStart(String csv) {
        assertThatThrownBy(() -> TlsCryptoPolicy.protocols(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gateway.soap.tls.protocols may only contain TLSv1.3 and TLSv1.2, not '");
    }

    @Test
    void noProtocolRefusesToStart() {
        assertThatThrownBy(() -> TlsCryptoPolicy.protocols(" "))
                .hasMessage("gateway.soap.tls.protocols is empty; use TLSv1.3,TLSv1.2");
    }

    @Test
    void everyOtherKnownProtocolIsSwitchedOff() {
        assertThat(TlsCryptoPolicy.excludedProtocols(BOTH)).containsExactly("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        assertThat(TlsCryptoPolicy.excludedProtocols(List.of("TLSv1.3")))
                .containsExactly("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2");
    }

    @Test
    void theBuiltInListHasTheTls13SuitesAndEcdheAeadSuitesOnly() throws Exception {
        String[] supported = SSLContext.getDefault().getServerSocketFactory().getSupportedCipherSuites();

        assertThat(TlsCryptoPolicy.cipherSuites("", BOTH, supported)).containsExactly(
                "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(TlsCryptoPolicy.cipherSuites("", List.of("TLSv1.2"), supported))
                .noneMatch(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20"))
                .hasSize(6);
    }

    @Test
    void theBuiltInListKeepsOnlyWhatTheRuntimeSupports() {
        assertThat(TlsCryptoPolicy.cipherSuites("", BOTH, new String[] {"TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}))
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aConfiguredStrongListIsUsedAsGiven() {
        String[] supported = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};

        assertThat(TlsCryptoPolicy.cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", BOTH, supported))
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
            "SSL_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_NULL_SHA", "SSL_RSA_EXPORT_WITH_RC4_40_MD5"})
    void aConfiguredWeakSuiteRefusesToStart(String suite) {
        assertThatThrownBy(() -> TlsCryptoPolicy.cipherSuites("TLS_AES_128_GCM_SHA256," + suite, BOTH,
                new String[] {"TLS_AES_128_GCM_SHA256", suite}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.soap.tls.cipher-suites: '" + suite + "' is not allowed (only TLS 1.3 suites and "
                        + "ECDHE with AES-GCM or CHACHA20-POLY1305)");
    }

    @Test
    void aConfiguredSuiteTheRuntimeLacksRefusesToStart() {
        assertThatThrownBy(() -> TlsCryptoPolicy.cipherSuites("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", BOTH,
                new String[] {"TLS_AES_128_GCM_SHA256"}))
                .hasMessage("gateway.soap.tls.cipher-suites: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256' is not "
                        + "supported by this Java runtime");
    }

    @Test
    void suitesThatNoEnabledProtocolCanUseRefuseToStart() {
        assertThatThrownBy(() -> TlsCryptoPolicy.cipherSuites("TLS_AES_128_GCM_SHA256", List.of("TLSv1.2"),
                new String[] {"TLS_AES_128_GCM_SHA256"}))
                .hasMessage("gateway.soap.tls.cipher-suites: none of [TLS_AES_128_GCM_SHA256] can be used with "
                        + "gateway.soap.tls.protocols=TLSv1.2");
    }
}
