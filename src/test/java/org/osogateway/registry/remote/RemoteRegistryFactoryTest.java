package org.osogateway.registry.remote;

import org.junit.jupiter.api.Test;
import org.osogateway.registry.Endpoint;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings, OIN and JSON mapping of the remote registry. */
class RemoteRegistryFactoryTest {

    @Test
    void sourceDefaultsToLocal() {
        assertThat(RemoteRegistryFactory.remoteSelected(k -> null)).isFalse();
        assertThat(RemoteRegistryFactory.remoteSelected(Map.of("gateway.registry.source", "remote")::get)).isTrue();
        assertThatThrownBy(() -> RemoteRegistryFactory.remoteSelected(Map.of("gateway.registry.source", "osr")::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsFromSettingsAndNeedsABaseUrl() {
        Map<String, String> props = Map.of("gateway.registry.remote.base-url", "https://osr.example",
                "gateway.registry.remote.ttl", "PT2M", "gateway.registry.remote.negative-ttl", "10",
                "gateway.registry.remote.request-timeout-ms", "3000");
        try (CachingOsrRegistry registry = RemoteRegistryFactory.fromProperties(props::get)) {
            assertThat(registry).isNotNull();
        }
        assertThatThrownBy(() -> RemoteRegistryFactory.fromProperties(k -> null))
                .hasMessageContaining("gateway.registry.remote.base-url");
        assertThatThrownBy(() -> RemoteRegistryFactory.fromProperties(Map.of("gateway.registry.remote.base-url",
                "https://osr.example", "gateway.registry.remote.ttl", "five minutes")::get))
                .hasMessageContaining("gateway.registry.remote.ttl");
    }

    @Test
    void schoolOinFromBrin() {
        assertThat(SchoolOin.of("00AV")).isEqualTo("0000000700000AV00000");
        assertThat(SchoolOin.brinOf("0000000700004HR77707")).isEqualTo("04HR");
        assertThatThrownBy(() -> SchoolOin.of("0AV")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonMappingDefaultsServicesAndAcceptsADataWrapper() {
        String body = "{\"data\":[{\"routing_id\":\"0000000700000AV77707\",\"school_oin\":\"0000000700000AV00000\","
                + "\"supplier_oin\":\"00000003123456780000\",\"service_version_namespace\":\"urn:v\","
                + "\"url\":\"https://las\",\"valid_from\":\"2024-01-01\"}]}";
        Endpoint e = new OsrJson().endpoints(body).get(0);
        assertThat(e.brin()).isEqualTo("00AV");
        assertThat(e.vestiging()).isNull();
        assertThat(e.validTo()).isNull();
        assertThat(e.services()).isEqualTo(Endpoint.DEFAULT_SERVICES);
        assertThatThrownBy(() -> new OsrJson().mandates("[{\"school_oin\":\"0000000700000AV00000\"}]"))
                .hasMessageContaining("supplier_oin");
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(OsrClient.retryAfter("120")).hasSeconds(120);
        assertThat(OsrClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(OsrClient.retryAfter("soon")).isNull();
    }
}
