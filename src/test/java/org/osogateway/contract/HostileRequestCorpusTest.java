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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.osogateway.mock.MockLas;
import org.osogateway.store.Store;
import org.osogateway.support.RawHttp;
import org.osogateway.support.TestGateway;

/**
 * The hostile-request corpus ({@link HostileRequests}) against a real gateway over raw HTTP: each request gets its
 * exact documented answer, every SOAP refusal is audited as REJECTED with its code and counted in the metrics, and
 * afterwards a normal request is still ACCEPTED; a refusal is one log line, without stack trace or content.
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
        String only = System.getProperty("corpus.only"); // e.g. -Dcorpus.only=chunked, to run a few cases while working
        return new HostileRequests(DeliverDossierContractTest.DEMO).all().stream()
                .filter(c -> only == null || c.name().contains(only)).toList();
    }

    @Test
    @Order(0)
    void theCorpusIsLargeEnough() {
        assertThat(new HostileRequests(DeliverDossierContractTest.DEMO).all()).hasSizeGreaterThanOrEqualTo(40);
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
        byte[] body = HostileRequests.utf8(HostileRequests.envelope(requests.deliver(HostileRequests.newId())));
        List<String> headers = new java.util.ArrayList<>(HostileRequests.SOAP_HEADERS);
        headers.add("Content-Length: " + body.length);
        RawHttp.Response r = http.send("POST", HostileRequests.PATH, headers, body, false);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("loggedRefusals")
    @Order(4)
    void aRefusalIsOneLogLineWithoutStackTraceOrContent(String name, String body, List<String> headers, String code,
                                                        String sender) throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                e.prepareForDeferredProcessing(); // keeps the logging thread's MDC with the event
                super.append(e);
            }
        };
        captured.start();
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<Logger> loggers = List.of(logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), logback.getLogger("oso.audit"));
        loggers.forEach(l -> l.addAppender(captured));
        RawHttp.Response r;
        try {
            byte[] bytes = HostileRequests.utf8(body);
            List<String> lines = new java.util.ArrayList<>(headers);
            lines.add("Content-Length: " + bytes.length);
            r = http.send("POST", HostileRequests.PATH, lines, bytes, false);
        } finally {
            loggers.forEach(l -> l.detachAppender(captured));
        }
        assertThat(group(CODE, r.body())).as(r.body()).isEqualTo(code);
        String correlationId = group(CORRELATION, r.body());
        // every line logged on the request's thread carries its correlation id in the MDC
        List<ILoggingEvent> lines = captured.list.stream()
                .filter(e -> correlationId.equals(e.getMDCPropertyMap().get("correlationId"))
                        || e.getFormattedMessage().contains(correlationId)).toList();
        assertThat(lines).as("log lines of " + name + " among " + captured.list.stream()
                .map(e -> e.getLoggerName() + " " + e.getMDCPropertyMap() + " " + e.getFormattedMessage()).toList()).hasSize(1);
        // and nothing else at ERROR, nor any stack trace, whatever thread or MDC it was logged with
        assertThat(captured.list).as("ERROR lines or stack traces of " + name).noneMatch(e ->
                e.getLevel() == Level.ERROR || e.getThrowableProxy() != null);
        ILoggingEvent line = lines.get(0);
        assertThat(line.getLevel()).isIn(Level.INFO, Level.WARN);
        assertThat(line.getThrowableProxy()).isNull();
        assertThat(line.getFormattedMessage()).contains("correlationId=" + correlationId).contains("outcome=" + code)
                .doesNotContain("Testleerling").doesNotContain("aaaaaaaaaa").hasSizeLessThan(600);
        if (sender != null) {
            assertThat(line.getFormattedMessage()).contains("sender=" + sender);
        }
    }

    static List<Arguments> loggedRefusals() {
        HostileRequests requests = new HostileRequests(DeliverDossierContractTest.DEMO);
        String valid = HostileRequests.envelope(requests.deliver(HostileRequests.newId()));
        return List.of(
                Arguments.of("not well-formed (refused inside CXF)", HostileRequests.envelope("<a></b>"),
                        HostileRequests.SOAP_HEADERS, "MALFORMED_REQUEST", null),
                Arguments.of("wrong Content-Type (refused before parsing)", valid,
                        List.of("Content-Type: application/json"), "MALFORMED_REQUEST", null),
                Arguments.of("a 1 MiB messageId (refused by length)",
                        HostileRequests.envelope(requests.deliver("a".repeat(HostileRequests.MIB))),
                        HostileRequests.SOAP_HEADERS, "PAYLOAD_TOO_LARGE", null),
                Arguments.of("empty body", HostileRequests.envelope(""), HostileRequests.SOAP_HEADERS, "MALFORMED_REQUEST", null),
                Arguments.of("schema violation (refused in the flow)", HostileRequests.envelope(requests.deliver("bad id")),
                        HostileRequests.SOAP_HEADERS, "SCHEMA_VIOLATION", null),
                Arguments.of("unknown receiver (sender known)", valid.replace("<receiver><brin>01AB", "<receiver><brin>99ZZ"),
                        HostileRequests.SOAP_HEADERS, "UNKNOWN_SCHOOL", "00YY"));
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
