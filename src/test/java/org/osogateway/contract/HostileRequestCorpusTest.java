package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osogateway.mock.MockLas;
import org.osogateway.store.Store;
import org.osogateway.support.RawHttp;
import org.osogateway.support.TestGateway;

/**
 * The hostile-request corpus ({@link HostileRequests}) against a real gateway over raw HTTP: each request gets its
 * exact documented answer, every SOAP refusal is audited as REJECTED with its code and counted in the metrics, and
 * afterwards a normal request is still ACCEPTED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestCorpusTest {
    private static final Pattern FAULTCODE = Pattern.compile("<faultcode>(?:[A-Za-z0-9]+:)?([A-Za-z0-9.]+)</faultcode>");
    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");
    private static final Pattern CORRELATION = Pattern.compile("<correlationId>([^<]+)</correlationId>");

    MockLas las;
    TestGateway gateway;
    RawHttp http;
    final Map<String, Integer> refusedByCode = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-corpus"), las.endpoint().toString(), new Properties());
        http = new RawHttp("127.0.0.1", gateway.port());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    static List<HostileRequests.Case> corpus() {
        return new HostileRequests(DeliverDossierContractTest.DEMO).all();
    }

    @Test
    @Order(0)
    void theCorpusIsLargeEnough() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("corpus")
    @Order(1)
    @Timeout(30) // a refusal that takes seconds is a denial of service, whatever its answer
    void eachHostileRequestGetsItsDocumentedAnswer(HostileRequests.Case c) throws Exception {
        RawHttp.Response r = http.send(c.method(), c.path(), c.headerLines(), c.body(), c.chunked());

        assertThat(r.status()).as(c.name() + ": " + abbreviate(r.body())).isEqualTo(c.status());
        assertThat(r.headers()).as("no request header comes back").doesNotContainKey("soapaction");
        if (c.faultcode() == null) {
            assertThat(r.body()).as(c.name()).doesNotContain("ACCEPTED");
            return;
        }
        assertThat(group(FAULTCODE, r.body())).as(c.name() + ": " + abbreviate(r.body())).isEqualTo(c.faultcode());
        assertThat(group(CODE, r.body())).as(c.name() + ": " + abbreviate(r.body())).isEqualTo(c.code());
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        String correlationId = group(CORRELATION, r.body());
        assertThat(rejectedOutcomes(correlationId)).as(c.name() + ": the REJECTED audit row").containsExactly(c.code());
        refusedByCode.merge(c.code(), 1, Integer::sum);
    }

    @Test
    @Order(2)
    void afterTheCorpusANormalRequestIsAccepted() throws Exception {
        HostileRequests requests = new HostileRequests(DeliverDossierContractTest.DEMO);
        RawHttp.Response r = http.send("POST", HostileRequests.PATH, HostileRequests.SOAP_HEADERS,
                HostileRequests.utf8(HostileRequests.envelope(requests.deliver(HostileRequests.newId()))), false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<status>ACCEPTED</status>");

        RawHttp.Response wsdl = http.send("GET", HostileRequests.PATH + "?wsdl", List.of(), new byte[0], false);
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("OsoGatewayService");
    }

    @Test
    @Order(3)
    void eachRefusalIsCountedInTheMetricsUnderItsCode() throws Exception {
        assertThat(refusedByCode).isNotEmpty();
        String port = gateway.context().getPropertiesComponent().resolveProperty("gateway.metrics.port").orElseThrow();
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Integer> counted = new TreeMap<>();
        Matcher m = Pattern.compile("oso_events_total\\{event=\"REJECTED\",outcome=\"([A-Z_]+)\"[^}]*\\} ([0-9.]+)").matcher(metrics);
        while (m.find()) {
            counted.put(m.group(1), (int) Double.parseDouble(m.group(2)));
        }
        assertThat(counted).isEqualTo(new TreeMap<>(refusedByCode));
    }

    private List<String> rejectedOutcomes(String correlationId) throws Exception {
        Store store = gateway.bean("store", Store.class);
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT outcome FROM audit_event WHERE event_type = 'REJECTED' AND correlation_id = ?")) {
            ps.setString(1, correlationId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> outcomes = new java.util.ArrayList<>();
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
                return outcomes;
            }
        }
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
