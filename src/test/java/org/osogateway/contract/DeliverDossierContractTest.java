package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.CheckConnectionResponse;
import org.osogateway.contract.v1.ConnectionReason;
import org.osogateway.contract.v1.DeliverDossierRequest;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.contract.v1.DeliveryState;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.GetDeliveryStatusResponse;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;
import org.osogateway.validation.DossierCanonicalizer;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * Contract tests: a JAX-WS client generated from the WSDL calls the running gateway, which delivers
 * to a mock receiving LAS; every fault code of the contract is provoked and asserted exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliverDossierContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    static final Path DEMO_BAD_DATE = Path.of("src/test/resources/samples/DeliverDossier/invalid-demo-dossier-bad-date.xml");

    MockLas las;
    TestGateway gateway;
    GatewayClient client;

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-contract"), las.endpoint().toString(), new Properties());
        client = new GatewayClient(gateway.soapUrl());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    @BeforeEach
    void quietThenResetMock() {
        // Deliveries of earlier tests must not consume this test's mock behaviour.
        DeliveryQueries store = gateway.bean("deliveryQueries", DeliveryQueries.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.list(null, null, null, 1000).stream()
                .allMatch(m -> m.state() == org.osogateway.store.DeliveryState.DELIVERED
                        || m.state() == org.osogateway.store.DeliveryState.FAILED));
        las.reset();
    }

    static String newId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void demoDossierIsAcceptedDeliveredIdenticalAndItsStatusReadable() throws Exception {
        String id = newId();
        DeliverDossierResponse r = client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));

        assertThat(r.getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        assertThat(r.getMessageId()).isEqualTo(id);
        assertThat(r.getDossierSha256()).isEqualTo(new DossierCanonicalizer().canonicalize(Files.readAllBytes(DEMO)).sha256());
        awaitDelivered(id);
        assertIdentical(DEMO, las.dossierFor(id).orElseThrow());
        assertThat(las.lastFor(id).orElseThrow().dossierSha256()).isEqualTo(r.getDossierSha256());

        GetDeliveryStatusResponse s = status(id, "00YY");
        assertThat(s.getState()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(s.getAttempts()).isEqualTo(1);
        assertThat(s.getEvents().getEvent()).extracting(e -> e.getType())
                .containsExactly("RECEIVED", "VALIDATED", "ROUTED", "ATTEMPT", "DELIVERED");
    }

    @Test
    void everyOfficialExampleArrivesXmlIdenticalWithTheAcceptedHash() throws Exception {
        List<Path> examples = org.osogateway.support.OfficialFiles.examples();
        assertThat(examples).hasSize(24);
        for (Path example : examples) {
            String id = newId();
            String xml = Files.readString(example);
            Overdrachtsoort soort = xml.contains("<overdrachtsoort>overdrachtbinnenbrin") ? Overdrachtsoort.OVERDRACHTBINNENBRIN
                    : xml.contains("<overdrachtsoort>swv-dossier") ? Overdrachtsoort.SWV_DOSSIER : Overdrachtsoort.OVERSTAPDOSSIER;
            // Within one BRIN the sender is also the receiver.
            String receiver = soort == Overdrachtsoort.OVERDRACHTBINNENBRIN ? "00YY" : "01AB";
            DeliverDossierResponse r = client.deliver(GatewayClient.request(id, receiver, soort, example));
            assertThat(r.getStatus()).as(example.toString()).isEqualTo(AcceptStatus.ACCEPTED);
            awaitDelivered(id);
            byte[] arrived = las.dossierFor(id).orElseThrow();
            assertIdentical(example, arrived);
            assertThat(DossierCanonicalizer.sha256Hex(arrived)).as(example.toString()).isEqualTo(r.getDossierSha256());
        }
    }

    @Test
    void deliveriesAreCountedInThePrometheusMetrics() throws Exception {
        String id = newId();
        client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
        awaitDelivered(id);
        String port = gateway.context().getPropertiesComponent().resolveProperty("gateway.metrics.port").orElseThrow();
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("oso_events_total\\{event=\"DELIVERED\",outcome=\"DELIVERED\"[^}]*\\} [1-9]")
                .contains("camel_exchanges_total");
    }

    @Test
    void aRepeatedRequestIsADuplicateAndDeliveredOnce() throws Exception {
        String id = newId();
        DeliverDossierRequest req = GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO);
        DeliverDossierResponse first = client.deliver(req);
        DeliverDossierResponse again = client.deliver(req);

        assertThat(again.getStatus()).isEqualTo(AcceptStatus.DUPLICATE);
        assertThat(again.getAcceptedAt()).isEqualTo(first.getAcceptedAt());
        assertThat(again.getDossierSha256()).isEqualTo(first.getDossierSha256());
        awaitDelivered(id);
        Thread.sleep(500); // give a wrongly scheduled second delivery the chance to show up
        assertThat(las.callsFor(id)).isEqualTo(1);
    }

    @Test
    void reusingAMessageIdForAnotherDossierIsAConflict() throws Exception {
        String id = newId();
        client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
        byte[] other = Files.readString(DEMO).replace("Fictief", "Anders").getBytes(StandardCharsets.UTF_8);
        DeliverDossierRequest changed = GatewayClient.request(id, "00YY", "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                GatewayClient.dossier(other));
        expectFault(FaultCode.MESSAGE_ID_CONFLICT, () -> client.deliver(changed));
    }

    @Test
    void transientFailuresAreRetriedThenDelivered() throws Exception {
        las.failFirst(2, FailureMode.httpStatus(503));
        String id = newId();
        client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
        awaitDelivered(id);
        GetDeliveryStatusResponse s = status(id, "00YY");
        assertThat(s.getAttempts()).isEqualTo(3);
        assertThat(s.getEvents().getEvent()).extracting(e -> e.getType()).containsSubsequence(
                "ATTEMPT", "RETRY_SCHEDULED", "ATTEMPT", "RETRY_SCHEDULED", "ATTEMPT", "DELIVERED");
        assertThat(las.countFor(id)).isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsFailedAndCanBeResent() throws Exception {
        las.soapFault("Client");
        String id = newId();
        client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id, "00YY").getState() == DeliveryState.FAILED);
        GetDeliveryStatusResponse failed = status(id, "00YY");
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getLastError().getCode()).isEqualTo("RECEIVER_SOAP_FAULT");

        las.reset();
        DeliveryQueries store = gateway.bean("deliveryQueries", DeliveryQueries.class);
        long pk = store.findPk("00YY", id).orElseThrow();
        assertThat(gateway.bean("deliveryJobs", DeliveryJobs.class).resend(pk, "test-operator", "receiver fixed", java.time.Instant.now())).isTrue();
        awaitDelivered(id);
        GetDeliveryStatusResponse s = status(id, "00YY");
        assertThat(s.getAttempts()).isEqualTo(2);
        assertThat(s.getEvents().getEvent()).extracting(e -> e.getType()).containsSubsequence("FAILED", "RESENT", "DELIVERED");
    }

    @Test
    void schoolFaultsFollowTheOsrRules() throws Exception {
        expectFault(FaultCode.UNKNOWN_SCHOOL, () -> deliverDemoTo("99ZZ"));
        expectFault(FaultCode.NO_AGREEMENT, () -> deliverDemoTo("03EF"));
        expectFault(FaultCode.NO_MANDATE, () -> deliverDemoTo("04GH"));
        expectFault(FaultCode.NO_ENDPOINT, () -> deliverDemoTo("05JK"));
        GatewayFault ambiguous = expectFault(FaultCode.AMBIGUOUS_ROUTE, () -> deliverDemoTo("06LM"));
        assertThat(ambiguous.getMessage()).contains("0000000700006LM00001");
        // the sender is checked too
        DeliverDossierRequest fromUnknown = GatewayClient.request(newId(), "98ZZ", "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                GatewayClient.dossier(DEMO));
        GatewayFault sender = expectFault(FaultCode.UNKNOWN_SCHOOL, () -> client.deliver(fromUnknown));
        assertThat(sender.getMessage()).startsWith("sender");
    }

    @Test
    void aRouteringskenmerkPicksOneOfSeveralEndpoints() throws Exception {
        String id = newId();
        DeliverDossierRequest r = GatewayClient.request(id, "06LM", Overdrachtsoort.OVERSTAPDOSSIER, DEMO);
        r.getReceiver().setRouteringskenmerk("0000000700006LM00002");
        assertThat(client.deliver(r).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        awaitDelivered(id);
    }

    @Test
    void anInvalidDossierIsASchemaViolationWithLineAndColumn() throws Exception {
        GatewayFault f = expectFault(FaultCode.SCHEMA_VIOLATION,
                () -> client.deliver(GatewayClient.request(newId(), "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO_BAD_DATE)));
        assertThat(f.getViolation()).isNotEmpty();
        assertThat(f.getViolation().get(0).getLine()).isPositive();
        assertThat(f.getViolation().get(0).getColumn()).isPositive();
        assertThat(f.getViolation().get(0).getMessage()).isNotBlank();
    }

    @Test
    void anXsdViolationNamesItsLineAndColumnInTheRequestAsSent() throws Exception {
        // the dossier is validated while the request is read: its positions are those of this request, not of a
        // re-serialized copy (the envelope adds lines above the dossier, the canonical form would drop the comment)
        String dossier = Files.readString(DEMO_BAD_DATE).replaceFirst("<\\?xml[^>]*>\\s*", "");
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
                + "  <soap:Body>\n"
                + "    <DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\">\n"
                + "      <messageId>" + newId() + "</messageId>\n"
                + "      <sender><brin>00YY</brin><vestiging>00</vestiging></sender>\n"
                + "      <receiver><brin>01AB</brin></receiver>\n"
                + "      <overdrachtsoort>overstapdossier</overdrachtsoort>\n"
                + "      <dossier>\n" + dossier + "\n      </dossier>\n"
                + "    </DeliverDossierRequest>\n  </soap:Body>\n</soap:Envelope>\n";
        String[] lines = envelope.split("\n", -1);
        int badLine = 0;
        for (int i = 0; i < lines.length && badLine == 0; i++) {
            badLine = lines[i].contains("<geboortedatum>31-02-2015</geboortedatum>") ? i + 1 : 0;
        }
        int badStart = lines[badLine - 1].indexOf("<geboortedatum>") + 1;
        int badEnd = lines[badLine - 1].indexOf("</geboortedatum>") + "</geboortedatum>".length() + 1;
        assertThat(badLine).isGreaterThan(15);

        HttpResponse<String> r = client.postRaw(envelope.getBytes(StandardCharsets.UTF_8));
        assertRawFault(r, "Client", "SCHEMA_VIOLATION");
        Matcher m = Pattern.compile("<line>(\\d+)</line>\\s*<column>(\\d+)</column>").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(badLine);
        assertThat(Integer.parseInt(m.group(2))).isBetween(badStart, badEnd);
    }

    @Test
    void aDossierInAVersionTheReceiverDoesNotTakeNamesTheVersionsItDoes() throws Exception {
        Path v2017 = org.osogateway.support.OfficialFiles.require()
                .resolve("2017.1/OV/examples/Voorbeelddossier_2017.1_OV_POVO_full.xml");
        GatewayFault f = expectFault(FaultCode.NO_ENDPOINT,
                () -> client.deliver(GatewayClient.request(newId(), "02CD", Overdrachtsoort.OVERSTAPDOSSIER, v2017)));
        assertThat(f.getMessage()).contains("http://www.edustandaard.nl/oso_gegevensset/2017/dossier")
                .contains("it accepts: http://www.edustandaard.nl/oso_gegevensset/2019/dossier");
    }

    @Test
    void anOfficialBusinessRuleViolationIsRefusedWithItsLocationAndText() throws Exception {
        Path povo = org.osogateway.support.OfficialFiles.require()
                .resolve("2019.1/OV/examples/Voorbeelddossier_OV_POVO_full.xml");
        // A POVO transfer whose metadata claims to be POPO breaks profile rules, yet stays XSD-valid.
        byte[] mutated = Files.readString(povo).replace("<overstap>POVO</overstap>", "<overstap>XYZ</overstap>")
                .getBytes(StandardCharsets.UTF_8);
        GatewayFault f = expectFault(FaultCode.BUSINESS_RULE_VIOLATION, () -> client.deliver(GatewayClient.request(newId(),
                "00YY", "01AB", Overdrachtsoort.OVERSTAPDOSSIER, GatewayClient.dossier(mutated))));
        assertThat(f.getViolation()).isNotEmpty();
        assertThat(f.getViolation().get(0).getLocation()).startsWith("/dossier[1]/");
        assertThat(f.getViolation().get(0).getMessage()).isNotBlank();
    }

    @Test
    void theEnvelopeMustAgreeWithTheDossier() throws Exception {
        DeliverDossierRequest wrongSoort = GatewayClient.request(newId(), "01AB", Overdrachtsoort.OVERDRACHTBINNENBRIN, DEMO);
        GatewayFault f = expectFault(FaultCode.BUSINESS_RULE_VIOLATION, () -> client.deliver(wrongSoort));
        assertThat(f.getViolation()).extracting(v -> v.getRule()).containsExactly("GW-ENV-01", "GW-ENV-03");
    }

    @Test
    void wsAddressingHeadersAreAcceptedAndNeverOverrideTheMessageId() throws Exception {
        String id = newId();
        String dossier = Files.readString(DEMO).replaceFirst("<\\?xml[^>]*>", "");
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><soap:Header>"
                + "<wsa:To soap:mustUnderstand=\"1\">http://gateway.example/ws/oso/v1?oin=0000000700001AB00000</wsa:To>"
                + "<wsa:Action>urn:oso-gateway:v1:DeliverDossier</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:other-id</wsa:MessageID></soap:Header><soap:Body>"
                + "<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>" + id + "</messageId>"
                + "<sender><brin>00YY</brin><vestiging>00</vestiging></sender><receiver><brin>01AB</brin></receiver>"
                + "<overdrachtsoort>overstapdossier</overdrachtsoort><dossier>" + dossier + "</dossier>"
                + "</DeliverDossierRequest></soap:Body></soap:Envelope>";
        HttpResponse<String> r = client.postRaw(envelope.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<messageId>" + id + "</messageId>").contains("ACCEPTED");
        awaitDelivered(id);
    }

    @Test
    void anInvalidRequestIsASchemaViolation() throws Exception {
        DeliverDossierRequest r = GatewayClient.request("bad id with spaces", "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO);
        GatewayFault f = expectFault(FaultCode.SCHEMA_VIOLATION, () -> client.deliver(r));
        assertThat(f.getViolation()).isNotEmpty();
    }

    @Test
    void anUnknownDossierNamespaceIsUnsupported() throws Exception {
        byte[] foreign = "<dossier xmlns=\"urn:example:unknown:v9\"><a>1</a></dossier>".getBytes(StandardCharsets.UTF_8);
        DeliverDossierRequest r = GatewayClient.request(newId(), "00YY", "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                GatewayClient.dossier(foreign));
        GatewayFault f = expectFault(FaultCode.UNSUPPORTED_DOSSIER_VERSION, () -> client.deliver(r));
        assertThat(f.getMessage()).contains("urn:example:unknown:v9");
    }

    @Test
    void malformedXmlDtdsAndNonSoapAreMalformedRequests() throws Exception {
        assertRawFault(client.postRaw("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><oops>"
                .getBytes(StandardCharsets.UTF_8)), "Client", "MALFORMED_REQUEST");
        String withDtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&e;</soap:Body></soap:Envelope>";
        assertRawFault(client.postRaw(withDtd.getBytes(StandardCharsets.UTF_8)), "Client", "MALFORMED_REQUEST");
        assertRawFault(client.postRaw("<hello/>".getBytes(StandardCharsets.UTF_8)), "Client", "MALFORMED_REQUEST");
    }

    @Test
    void oversizedOrTooDeepRequestsArePayloadTooLarge() throws Exception {
        StringBuilder big = new StringBuilder("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>");
        String chunk = "0123456789".repeat(1024);
        while (big.length() < 21 * 1024 * 1024) {
            big.append(chunk);
        }
        big.append("</x></soap:Body></soap:Envelope>");
        // refused from its Content-Length, answered at once and the connection closed after the fault: read while the
        // body is still being written, as curl does (a client that writes all 21 MiB before it reads, as the JDK's
        // HttpClient, can find the connection reset first: README "Request limits")
        org.osogateway.support.RawHttp.Response tooBig = new org.osogateway.support.RawHttp("127.0.0.1", gateway.port())
                .send("POST", "/ws/oso/v1", List.of("Content-Type: text/xml; charset=UTF-8", "SOAPAction: \"\"",
                        "Content-Length: " + big.length()), big.toString().getBytes(StandardCharsets.UTF_8), false);
        assertThat(tooBig.status()).isEqualTo(500);
        assertThat(tooBig.body()).containsPattern("<faultcode>[A-Za-z0-9]+:Client</faultcode>")
                .contains("<code>PAYLOAD_TOO_LARGE</code>").contains("correlationId");

        String deep = "<a>".repeat(500) + "</a>".repeat(500);
        String env = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>deep</messageId>" + deep
                + "</DeliverDossierRequest></soap:Body></soap:Envelope>";
        assertRawFault(client.postRaw(env.getBytes(StandardCharsets.UTF_8)), "Client", "PAYLOAD_TOO_LARGE");
    }

    @Test
    void statusOfUnknownOrForeignMessagesIsUnknownMessage() throws Exception {
        String id = newId();
        client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
        expectFault(FaultCode.UNKNOWN_MESSAGE, () -> status(newId(), "00YY"));
        expectFault(FaultCode.UNKNOWN_MESSAGE, () -> status(id, "01AB"));
    }

    @Test
    void checkConnectionAnswersFromTheRegistry() throws Exception {
        CheckConnectionRequest ok = new CheckConnectionRequest();
        ok.setBrin("01AB");
        CheckConnectionResponse connected = client.port().checkConnection(ok);
        assertThat(connected.isConnected()).isTrue();
        assertThat(connected.getAgreement().isPresent()).isTrue();
        assertThat(connected.getMandates().getMandate()).isNotEmpty();
        assertThat(connected.getEndpoints().getEndpoint()).extracting(e -> e.getRouteringskenmerk())
                .contains("0000000700001AB00001");
        assertThat(connected.getReasons().getReason()).isEmpty();

        CheckConnectionRequest noMandate = new CheckConnectionRequest();
        noMandate.setBrin("04GH");
        CheckConnectionResponse not = client.port().checkConnection(noMandate);
        assertThat(not.isConnected()).isFalse();
        assertThat(not.getReasons().getReason()).containsExactly(ConnectionReason.NO_MANDATE);

        CheckConnectionRequest past = new CheckConnectionRequest();
        past.setBrin("08QR");
        past.setReferenceDate(org.osogateway.soap.SoapPayloads.date(java.time.LocalDate.of(2024, 1, 1)));
        assertThat(client.port().checkConnection(past).isConnected()).isTrue();
    }

    @Test
    void theWsdlIsServedWithItsSchema() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String wsdl = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.soapUrl() + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(wsdl).contains("OsoGatewayService").contains("DeliverDossier").contains("schemaLocation=");
    }

    private void deliverDemoTo(String receiver) throws Exception {
        client.deliver(GatewayClient.request(newId(), receiver, Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
    }

    private GetDeliveryStatusResponse status(String id, String sender) throws Exception {
        GetDeliveryStatusRequest q = new GetDeliveryStatusRequest();
        q.setMessageId(id);
        q.setSenderBrin(sender);
        return client.port().getDeliveryStatus(q);
    }

    private void awaitDelivered(String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> status(id, "00YY").getState() == DeliveryState.DELIVERED);
    }

    static void assertIdentical(Path expected, byte[] actual) throws Exception {
        Diff diff = DiffBuilder.compare(Files.readAllBytes(expected)).withTest(actual).ignoreComments().checkForIdentical().build();
        assertThat(diff.hasDifferences()).as(expected + ": " + diff).isFalse();
    }

    static void assertRawFault(HttpResponse<String> response, String faultcode, String code) {
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).containsPattern("<faultcode>[A-Za-z0-9]+:" + faultcode + "</faultcode>");
        assertThat(response.body()).contains("<code>" + code + "</code>").contains("correlationId");
    }
}
