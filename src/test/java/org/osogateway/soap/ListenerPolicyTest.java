package org.osogateway.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osogateway.soap.tls.ClientAuth;

class ListenerPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1"})
    void plainHttpOnLoopbackStartsWithoutWarnings(String host) {
        ListenerPolicy.Decision d = ListenerPolicy.decide(host, false, ClientAuth.NONE, false);

        assertThat(d.insecureOverride()).isFalse();
        assertThat(d.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10"})
    void plainHttpOnAnyOtherAddressRefusesToStartNamingTheSettings(String host) {
        assertThatThrownBy(() -> ListenerPolicy.decide(host, false, ClientAuth.NONE, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refusing to start: gateway.soap.host=" + host + " is not a loopback address")
                .hasMessageContaining("plain HTTP (gateway.soap.tls.enabled=false)")
                .hasMessageEndingWith("Settings: gateway.soap.host, gateway.soap.tls.enabled, gateway.soap.tls.client-auth, "
                        + "gateway.soap.allow-insecure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"WANT", "NONE"})
    void tlsWithoutRequiredClientCertificatesOffLoopbackRefusesToStart(ClientAuth auth) {
        assertThatThrownBy(() -> ListenerPolicy.decide("0.0.0.0", true, auth, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not require a client certificate (gateway.soap.tls.client-auth=" + auth.value() + ")")
                .hasMessageContaining("gateway.soap.allow-insecure");
    }

    @Test
    void mutualTlsMayListenOnEveryInterface() {
        ListenerPolicy.Decision d = ListenerPolicy.decide("0.0.0.0", true, ClientAuth.NEED, false);

        assertThat(d.insecureOverride()).isFalse();
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void theOverrideStartsAnInsecureListenerAndSaysWhatIsInsecure() {
        ListenerPolicy.Decision plain = ListenerPolicy.decide("0.0.0.0", false, ClientAuth.NONE, true);
        ListenerPolicy.Decision want = ListenerPolicy.decide("0.0.0.0", true, ClientAuth.WANT, true);

        assertThat(plain.insecureOverride()).isTrue();
        assertThat(plain.warnings()).containsExactly("the SOAP port on 0.0.0.0 speaks plain HTTP "
                + "(gateway.soap.tls.enabled=false): dossiers travel unencrypted and callers are not authenticated");
        assertThat(want.insecureOverride()).isTrue();
        assertThat(want.warnings()).containsExactly("the SOAP port on 0.0.0.0 does not require a client certificate "
                + "(gateway.soap.tls.client-auth=want): callers without a certificate are let in");
    }

    @Test
    void theOverrideIsNotInUseWhereNothingIsInsecure() {
        assertThat(ListenerPolicy.decide("127.0.0.1", false, ClientAuth.NONE, true).insecureOverride()).isFalse();
        assertThat(ListenerPolicy.decide("0.0.0.0", true, ClientAuth.NEED, true).insecureOverride()).isFalse();
    }

    @Test
    void anUnresolvableOrEmptyHostIsNotLoopback() {
        assertThat(ListenerPolicy.isLoopback("")).isFalse();
        assertThat(ListenerPolicy.isLoopback("no-such-host.invalid")).isFalse();
    }
}
