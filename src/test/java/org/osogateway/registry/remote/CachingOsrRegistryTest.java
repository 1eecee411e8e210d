package org.osogateway.registry.remote;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.osogateway.tls.ClientTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.ResolvedEndpoint;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.registry.RoutingRules;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The routing rules over CachingOsrRegistry against WireMock playing the OSR, with a hand-driven cache clock. */
class CachingOsrRegistryTest {
    static final String SV = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    static final String SV_OLD = "http://www.edustandaard.nl/oso_gegevensset/2017/dossier";
    static final String BRIN = "04HR";
    static final String OIN = "0000000700004HR00000";
    static final String RK = "0000000700004HR77707";
    static final String RK_01 = "0000000700004HR77701";
    static final String LAS = "00000003123456780000";
    static final String OTHER_LAS = "00000003999999990000";
    static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    static final String ENDPOINTS = "/api/v2/endpoints";
    static final String MANDATES = "/api/v2/mandates";

    static WireMockServer osr;

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    CachingOsrRegistry osrSource;
    RoutingRegistry registry;

    @BeforeAll
    static void startOsr() {
        osr = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        osr.start();
    }

    @AfterAll
    static void stopOsr() {
        osr.stop();
    }

    @BeforeEach
    void setUp() {
        osr.resetAll();
        useSource(Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        osrSource.close();
    }

    void useSource(Duration requestTimeout) {
        OsrClient client = new OsrClient(URI.create(osr.baseUrl()), Duration.ofSeconds(1), requestTimeout, ClientTls.jvmDefaults());
        osrSource = new CachingOsrRegistry(client, new OsrCacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofHours(1), 1000, Duration.ofSeconds(10)), nanos::get);
        registry = new RoutingRules(osrSource);
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    static String endpoint(String rk, String vestiging, String supplier, String version, String url) {
        return "{\"routing_id\":\"" + rk + "\",\"school_oin\":\"" + OIN + "\",\"vestiging\":"
                + (vestiging == null ? "null" : "\"" + vestiging + "\"") + ",\"supplier_oin\":\"" + supplier
                + "\",\"service_version_namespace\":\"" + version + "\",\"url\":\"" + url
                + "\",\"valid_from\":\"2024-01-01\",\"valid_to\":null,\"services\":[\"overstapdossier\"]}";
    }

    static String mandate(String supplier, String version) {
        return "{\"supplier_oin\":\"" + supplier + "\",\"school_oin\":\"" + OIN + "\",\"service_version_namespace\":\""
                + version + "\",\"valid_from\":\"2024-01-01\",\"valid_to\":null}";
    }

    static void stubEndpoints(String version, ResponseDefinitionBuilder answer) {
        osr.stubFor(get(urlPathEqualTo(ENDPOINTS)).withQueryParam("school_oin", equalTo(OIN))
                .withQueryParam("service_version_namespace", equalTo(version))
                .withQueryParam("reference_date", equalTo(DAY.toString())).willReturn(answer));
    }

    static void stubMandates(ResponseDefinitionBuilder answer) {
        osr.stubFor(get(urlPathEqualTo(MANDATES)).withQueryParam("school_oin", equalTo(OIN))
                .withQueryParam("reference_date", equalTo(DAY.toString())).willReturn(answer));
    }

    static void stubConnectedSchool() {
        stubMandates(okJson("[" + mandate(LAS, SV) + "]"));
        stubEndpoints(SV, okJson("[" + endpoint(RK, null, LAS, SV, "https://las.example/oso") + "]"));
    }

    static void verifyCalls(int endpoints, int mandates) {
        // WireMock journals a request only after its answer is written, so the caller may be faster than the journal
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> osr.findAll(getRequestedFor(urlPathEqualTo(ENDPOINTS))).size() >= endpoints
                        && osr.findAll(getRequestedFor(urlPathEqualTo(MANDATES))).size() >= mandates);
        osr.verify(endpoints, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
        osr.verify(mandates, getRequestedFor(urlPathEqualTo(MANDATES)));
    }

    static GatewayErrorCode codeOf(Runnable call) {
        GatewayException e = catchThrowableOfType(GatewayException.class, call::run);
        assertThat(e).as("expected a GatewayException").isNotNull();
        return e.code();
    }

    // ---- resolving and caching ----

    @Test
    void resolvesAReceiverFromTheOsr() {
        stubConnectedSchool();
        ResolvedEndpoint e = registry.resolveReceiver(BRIN, null, null, SV, DAY);
        assertThat(e).isEqualTo(new ResolvedEndpoint(RK, BRIN, null, LAS, SV, "https://las.example/oso",
                Set.of("overstapdossier")));
        osr.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)).withQueryParam("school_oin", equalTo(OIN))
                .withQueryParam("service_version_namespace", equalTo(SV))
                .withQueryParam("reference_date", equalTo("2025-03-01")));
    }

    @Test
    void secondLookupWithinTtlAsksTheOsrNothing() {
        stubConnectedSchool();
        registry.resolveReceiver(BRIN, null, null, SV, DAY);
        advance(Duration.ofMinutes(4));
        registry.resolveReceiver(BRIN, null, null, SV, DAY);
        registry.checkSender(BRIN, null, LAS, SV, DAY);
        verifyCalls(1, 1);
    }

    @Test
    void afterTheTtlOneNewCallSeesTheOsrsChange() {
        stubConnectedSchool();
        registry.resolveReceiver(BRIN, null, null, SV, DAY);
        stubEndpoints(SV, okJson("[" + endpoint(RK, null, LAS, SV, "https://new.example/oso") + "]"));
        advance(Duration.ofMinutes(4));
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).url()).isEqualTo("https://las.example/oso");
        advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).url()).isEqualTo("https://new.example/oso");
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).url()).isEqualTo("https://new.example/oso");
        verifyCalls(2, 2);
    }

    @Test
    void unknownSchoolIsCachedForTheNegativeTtl() {
        // nothing stubbed: WireMock answers 404, which the client reads as an empty answer
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.UNKNOWN_SCHOOL);
        advance(Duration.ofSeconds(29));
        assertThat(codeOf(() -> registry.checkSender(BRIN, null, LAS, SV, DAY)))
                .isEqualTo(GatewayErrorCode.UNKNOWN_SCHOOL);
        verifyCalls(1, 1);
        stubConnectedSchool();
        advance(Duration.ofSeconds(2));
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).routeringskenmerk()).isEqualTo(RK);
        verifyCalls(2, 2);
    }

    @Test
    void noEndpointForTheVersionNamesTheAcceptedOnesAndIsCachedShortly() {
        stubMandates(okJson("[" + mandate(LAS, SV) + "," + mandate(LAS, SV_OLD) + "]"));
        stubEndpoints(SV, okJson("[]"));
        stubEndpoints(SV_OLD, okJson("[" + endpoint(RK, null, LAS, SV_OLD, "https://las.example/old") + "]"));
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> registry.resolveReceiver(BRIN, null, null, SV, DAY));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.NO_ENDPOINT);
        assertThat(e.getMessage()).contains("receiver school 04HR has no endpoint for service version " + SV)
                .contains("it accepts: " + SV_OLD);
        advance(Duration.ofSeconds(20));
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.NO_ENDPOINT);
        osr.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)).withQueryParam("service_version_namespace", equalTo(SV)));
        advance(Duration.ofSeconds(11));
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.NO_ENDPOINT);
        osr.verify(2, getRequestedFor(urlPathEqualTo(ENDPOINTS)).withQueryParam("service_version_namespace", equalTo(SV)));
        osr.verify(1, getRequestedFor(urlPathEqualTo(MANDATES))); // non-empty: still within the 5 min TTL
    }

    // ---- OSR failures ----

    @Test
    void osrDownServesTheLastGoodAnswerUpToTheStaleBound() {
        stubConnectedSchool();
        registry.resolveReceiver(BRIN, null, null, SV, DAY);
        osr.resetMappings();
        osr.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(aResponse().withStatus(503)));
        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(aResponse().withStatus(503)));
        advance(Duration.ofMinutes(6));
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).url()).isEqualTo("https://las.example/oso");
        verifyCalls(2, 2);
        advance(Duration.ofMinutes(55));
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void osrDownWithoutStaleDataIsTemporarilyUnavailable() {
        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(aResponse().withStatus(503)));
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> registry.resolveReceiver(BRIN, null, null, SV, DAY));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("registry unreachable").contains("HTTP 503");
        assertThat(codeOf(() -> registry.checkConnection(BRIN, null, DAY)))
                .isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void rateLimitedServesStaleAndHoldsCallsBackForRetryAfter() {
        stubConnectedSchool();
        registry.resolveReceiver(BRIN, null, null, SV, DAY);
        osr.resetMappings();
        osr.stubFor(get(urlPathEqualTo(MANDATES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        osr.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
        advance(Duration.ofMinutes(6));
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).url()).isEqualTo("https://las.example/oso");
        verifyCalls(1, 2); // the 429 on mandates closed the gate: the endpoints lookup did not go out
        // another school, nothing stale: unavailable, and the OSR is not asked within the Retry-After
        assertThat(codeOf(() -> registry.resolveReceiver("00AV", null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
        verifyCalls(1, 2);
        advance(Duration.ofSeconds(61));
        stubConnectedSchool();
        assertThat(registry.resolveReceiver(BRIN, null, null, SV, DAY).url()).isEqualTo("https://las.example/oso");
        verifyCalls(2, 3);
    }

    @Test
    void requestTimeoutIsTemporarilyUnavailable() {
        osrSource.close();
        useSource(Duration.ofMillis(300));
        stubMandates(okJson("[" + mandate(LAS, SV) + "]").withFixedDelay(1500));
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void concurrentLookupsOfOneKeyMakeOneOsrRequest() throws Exception {
        stubMandates(okJson("[" + mandate(LAS, SV) + "]").withFixedDelay(500));
        stubEndpoints(SV, okJson("[" + endpoint(RK, null, LAS, SV, "https://las.example/oso") + "]").withFixedDelay(500));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ResolvedEndpoint>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.resolveReceiver(BRIN, null, null, SV, DAY);
                }));
            }
            start.countDown();
            for (Future<ResolvedEndpoint> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS).url()).isEqualTo("https://las.example/oso");
            }
        } finally {
            pool.shutdownNow();
        }
        verifyCalls(1, 1);
    }

    // ---- the routing rules, as the local registry has them ----

    @Test
    void vestigingFallbackAmbiguityAndRouteringskenmerk() {
        stubMandates(okJson("[" + mandate(LAS, SV) + "]"));
        stubEndpoints(SV, okJson("[" + endpoint(RK, null, LAS, SV, "https://las.example/school") + ","
                + endpoint(RK_01, "01", LAS, SV, "https://las.example/01") + "]"));
        assertThat(registry.resolveReceiver(BRIN, "01", null, SV, DAY).url()).isEqualTo("https://las.example/01");
        assertThat(registry.resolveReceiver(BRIN, "02", null, SV, DAY).url()).isEqualTo("https://las.example/school");
        GatewayException ambiguous = catchThrowableOfType(GatewayException.class,
                () -> registry.resolveReceiver(BRIN, null, null, SV, DAY));
        assertThat(ambiguous.code()).isEqualTo(GatewayErrorCode.AMBIGUOUS_ROUTE);
        assertThat(ambiguous.getMessage()).contains(RK).contains(RK_01);
        assertThat(registry.resolveReceiver(BRIN, null, RK_01, SV, DAY).vestiging()).isEqualTo("01");
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, "0000000700004HR99999", SV, DAY)))
                .isEqualTo(GatewayErrorCode.NO_ENDPOINT);
    }

    @Test
    void endpointsWithoutAMandateOfTheirSupplierDoNotCount() {
        stubMandates(okJson("[" + mandate(OTHER_LAS, SV) + "]"));
        stubEndpoints(SV, okJson("[" + endpoint(RK, null, LAS, SV, "https://las.example/oso") + "]"));
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.NO_ENDPOINT);
    }

    @Test
    void endpointsWithoutAnyMandateAreNoMandate() {
        stubMandates(okJson("[]"));
        stubEndpoints(SV, okJson("[" + endpoint(RK, null, LAS, SV, "https://las.example/oso") + "]"));
        assertThat(codeOf(() -> registry.resolveReceiver(BRIN, null, null, SV, DAY)))
                .isEqualTo(GatewayErrorCode.NO_MANDATE);
    }

    @Test
    void senderNeedsAMandateOfItsSupplierForTheVersion() {
        stubConnectedSchool();
        assertThatCode(() -> registry.checkSender(BRIN, null, LAS, SV, DAY)).doesNotThrowAnyException();
        assertThatCode(() -> registry.checkSender(BRIN, "01", null, SV, DAY)).doesNotThrowAnyException();
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> registry.checkSender(BRIN, null, OTHER_LAS, SV, DAY));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.NO_MANDATE);
        assertThat(e.getMessage()).isEqualTo("sender school 04HR has no mandate of supplier " + OTHER_LAS
                + " for service version " + SV + " valid on 2025-03-01");
        assertThat(codeOf(() -> registry.checkSender(BRIN, null, LAS, SV_OLD, DAY)))
                .isEqualTo(GatewayErrorCode.NO_MANDATE);
    }

    @Test
    void connectionReportAndAcceptedVersions() {
        stubConnectedSchool();
        stubEndpoints(SV_OLD, okJson("[]"));
        ConnectionReport report = registry.checkConnection(BRIN, null, DAY);
        assertThat(report.connected()).isTrue();
        assertThat(report.agreement().present()).isTrue();
        assertThat(report.mandates()).extracting(ConnectionReport.MandateInfo::supplierOin).containsExactly(LAS);
        assertThat(report.endpoints()).extracting(ConnectionReport.EndpointInfo::routeringskenmerk).containsExactly(RK);
        assertThat(registry.acceptedServiceVersions(BRIN, DAY)).containsExactly(SV);

        ConnectionReport unknown = registry.checkConnection("00AV", null, DAY);
        assertThat(unknown.connected()).isFalse();
        assertThat(unknown.reasons()).containsExactly(GatewayErrorCode.UNKNOWN_SCHOOL);
        assertThat(registry.acceptedServiceVersions("00AV", DAY)).isEmpty();
    }

    @Test
    void mandateWithoutEndpointIsNotConnected() {
        stubMandates(okJson("[" + mandate(LAS, SV) + "]"));
        ConnectionReport report = registry.checkConnection(BRIN, null, DAY);
        assertThat(report.connected()).isFalse();
        assertThat(report.reasons()).containsExactly(GatewayErrorCode.NO_ENDPOINT);
    }
}
