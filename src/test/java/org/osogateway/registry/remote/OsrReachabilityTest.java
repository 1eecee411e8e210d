package org.osogateway.registry.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.ops.RemoteRegistryCheck;
import org.osogateway.support.TestGateway;
import org.osogateway.tls.ClientTls;

/** Readiness of the OSR: the latest outcome of a lookup or a probe; and the cache's hit and miss counters. */
class OsrReachabilityTest {
    static final String MANDATES = "/api/v2/mandates";

    WireMockServer osr;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    CachingOsrRegistry source;

    @BeforeEach
    void start() {
        osr = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        osr.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        osr.stop();
    }

    private CachingOsrRegistry source(String baseUrl) {
        source = new CachingOsrRegistry(new OsrClient(URI.create(baseUrl), Duration.ofMillis(500), Duration.ofSeconds(1),
                ClientTls.jvmDefaults()), OsrCacheSettings.DEFAULTS, nanos::get);
        return source;
    }

    @Test
    void anAnsweringOsrIsReadyAfterTheFirstProbe() {
        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(okJson("[]")));
        RemoteRegistryCheck check = new RemoteRegistryCheck(source(osr.baseUrl()).reachability());

        assertThat(check.status().up()).as("nothing known yet").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> check.status().up());
        assertThat(check.status().state()).isEqualTo("UP");
        osr.verify(1, getRequestedFor(urlPathEqualTo(MANDATES)));
    }

    @Test
    void anUnreachableOsrIsNotReady() throws Exception {
        CachingOsrRegistry s = source("http://127.0.0.1:" + TestGateway.freePort());
        RemoteRegistryCheck check = new RemoteRegistryCheck(s.reachability());
        // a lookup that fails marks it down, as the probe does
        try {
            s.mandates("04HR", LocalDate.of(2025, 3, 1));
        } catch (RuntimeException expected) {
            // TEMPORARILY_UNAVAILABLE: nothing stale to serve
        }
        assertThat(check.status()).isEqualTo(new org.osogateway.ops.ReadinessCheck.Status(false, "DOWN"));
    }

    @Test
    void anOsrThatStartsFailingIsProbedAgainAndGoesDown() {
        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(okJson("[]")));
        OsrReachability reachability = source(osr.baseUrl()).reachability();
        reachability.reachable();
        await().atMost(Duration.ofSeconds(5)).until(reachability::reachable);

        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(aResponse().withStatus(503)));
        assertThat(reachability.reachable()).as("the latest outcome is still fresh").isTrue();
        nanos.addAndGet(CachingOsrRegistry.PROBE_INTERVAL.toNanos());
        reachability.reachable(); // starts the probe
        await().atMost(Duration.ofSeconds(5)).until(() -> !reachability.reachable());
        osr.verify(2, getRequestedFor(urlPathEqualTo(MANDATES)));
    }

    @Test
    void cacheHitsAndMissesAreCounted() {
        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(okJson("[]")));
        CachingOsrRegistry s = source(osr.baseUrl());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        s.bindMetrics(meters);
        LocalDate day = LocalDate.of(2025, 3, 1);
        s.mandates("04HR", day);
        s.mandates("04HR", day);
        s.mandates("04HR", day);

        String scrape = meters.scrape();
        assertThat(scrape).contains("oso_registry_cache_requests_total{lookup=\"mandates\",result=\"miss\"} 1.0")
                .contains("oso_registry_cache_requests_total{lookup=\"mandates\",result=\"hit\"} 2.0")
                .contains("oso_registry_cache_requests_total{lookup=\"endpoints\",result=\"hit\"} 0.0");
    }
}
