package org.osogateway.registry.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.osogateway.tls.ClientTls;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.Mandate;
import org.osogateway.registry.RegistryData;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.registry.RoutingRules;
import org.osogateway.registry.RoutingRulesContract;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The shared routing contract over the OSR: WireMock answers the contract's registry content as the OSR would
 * (every entry of the school, whatever the reference date: the rules pick what is valid).
 */
class OsrRoutingRulesContractTest extends RoutingRulesContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer osr;
    private static CachingOsrRegistry source;
    private static RoutingRegistry rules;

    @BeforeAll
    static void startOsr() throws Exception {
        osr = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        osr.start();
        serve(data());
        source = new CachingOsrRegistry(new OsrClient(URI.create(osr.baseUrl()), Duration.ofSeconds(1),
                Duration.ofSeconds(5), ClientTls.jvmDefaults()), OsrCacheSettings.DEFAULTS);
        rules = new RoutingRules(source);
    }

    @AfterAll
    static void stopOsr() {
        source.close();
        osr.stop();
    }

    @Override
    protected RoutingRegistry rules() {
        return rules;
    }

    /** Stubs the OSR's three lookups for the data: mandates per school, endpoints per school and version, by routing id. */
    private static void serve(RegistryData data) throws Exception {
        for (String brin : new TreeSet<>(data.mandates().stream().map(Mandate::brin).toList())) {
            osr.stubFor(get(urlPathEqualTo("/api/v2/mandates")).withQueryParam("school_oin", equalTo(SchoolOin.of(brin)))
                    .willReturn(okJson(JSON.writeValueAsString(data.mandates().stream()
                            .filter(m -> m.brin().equals(brin)).map(OsrRoutingRulesContractTest::json).toList()))));
        }
        for (Endpoint e : data.endpoints()) {
            List<Map<String, Object>> sameVersion = data.endpoints().stream()
                    .filter(o -> o.brin().equals(e.brin()) && o.serviceVersion().equals(e.serviceVersion()))
                    .map(OsrRoutingRulesContractTest::json).toList();
            osr.stubFor(get(urlPathEqualTo("/api/v2/endpoints")).withQueryParam("school_oin", equalTo(SchoolOin.of(e.brin())))
                    .withQueryParam("service_version_namespace", equalTo(e.serviceVersion()))
                    .willReturn(okJson(JSON.writeValueAsString(sameVersion))));
            osr.stubFor(get(urlPathEqualTo("/api/v2/endpoints")).withQueryParam("routing_id", equalTo(e.routeringskenmerk()))
                    .withQueryParam("service_version_namespace", equalTo(e.serviceVersion()))
                    .willReturn(okJson(JSON.writeValueAsString(List.of(json(e))))));
        }
    }

    private static Map<String, Object> json(Mandate m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("supplier_oin", m.supplierOin());
        j.put("school_oin", SchoolOin.of(m.brin()));
        j.put("service_version_namespace", m.serviceVersion());
        j.put("valid_from", m.validFrom().toString());
        j.put("valid_to", m.validTo() == null ? null : m.validTo().toString());
        return j;
    }

    private static Map<String, Object> json(Endpoint e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("routing_id", e.routeringskenmerk());
        j.put("school_oin", SchoolOin.of(e.brin()));
        j.put("vestiging", e.vestiging());
        j.put("supplier_oin", e.supplierOin());
        j.put("service_version_namespace", e.serviceVersion());
        j.put("url", e.url());
        j.put("valid_from", e.validFrom().toString());
        j.put("valid_to", e.validTo() == null ? null : e.validTo().toString());
        j.put("services", new TreeSet<>(e.services()));
        return j;
    }
}
