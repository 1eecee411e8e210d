package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osogateway.conformance.SenderChecks;
import org.osogateway.conformance.SenderRouting;
import org.osogateway.conformance.SenderVerdict;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.DeliverDossierRequest;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.MockLas;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.Store;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;
import org.osogateway.validation.SchemaCatalog;

/**
 * Over mutual TLS, with the generated JAX-WS client and the example registry: only the supplier whose certificate
 * holds the sending school's mandate gets a dossier in, a body that claims another supplier is refused, and a
 * status is answered only to the supplier that sent the message; the sender kit with {@code --supplier-oin} answers
 * each request as the gateway does to that supplier's certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderAuthorizationContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");
    /** The LAS of school 00YY in the example registry (mandate for demo, 2019, 2017). */
    static final String ZENDER = "00000003000000000001";
    /** A registered LAS with mandates for other schools only. */
    static final String ONTVANGER = "00000003000000000002";
    /** A well-formed OIN the registry does not know. */
    static final String STRANGER = "00000003999999990000";

    private static final Pattern CODE = Pattern.compile("<code>([A-Z_]+)</code>");
    private static final Path SAMPLES = Path.of("src/test/resources/samples/conformance");

    MockLas las;
    TestPki pki;
    TestGateway gateway;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("oso-authz");
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        las = new MockLas(0).start();
        gateway = TestGateway.start(dir.resolve("gw"), las.endpoint().toString(), TestGateway.mutualTls(pki));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    GatewayClient as(String oin) throws Exception {
        return GatewayClient.overTls(gateway.soapUrl(), pki.clientContext(pki.clientKeyStore(oin)), null);
    }

    static DeliverDossierRequest demo(String messageId) throws Exception {
        return GatewayClient.request(messageId, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO);
    }

    static GetDeliveryStatusRequest statusOf(String messageId) {
        GetDeliveryStatusRequest r = new GetDeliveryStatusRequest();
        r.setMessageId(messageId);
        r.setSenderBrin("00YY");
        return r;
    }

    static String newId() {
        return "authz-" + UUID.randomUUID();
    }

    @Test
    void theMandatedSupplierIsAcceptedAndRecordedAsTheSender() throws Exception {
        String id = newId();
        DeliverDossierResponse r = as(ZENDER).deliver(demo(id));

        assertThat(r.getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        DeliveryQueries store = gateway.bean("deliveryQueries", DeliveryQueries.class);
        long pk = store.findPkFor("00YY", id, ZENDER).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.status(pk).orElseThrow().state() == DeliveryState.DELIVERED);
        try (var c = gateway.bean("store", Store.class).dataSource().getConnection();
             var ps = c.prepareStatement("SELECT m.authenticated_oin, m.sender_supplier_oin, a.actor FROM dossier_message m "
                     + "JOIN audit_event a ON a.message_pk = m.id AND a.event_type = 'RECEIVED' WHERE m.id = ?")) {
            ps.setLong(1, pk);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(ZENDER);
                assertThat(rs.getString(2)).isEqualTo(ZENDER);
                assertThat(rs.getString(3)).isEqualTo("supplier " + ZENDER);
            }
        }
    }

    @Test
    void aSupplierWithoutAMandateForTheSenderIsRefusedWithoutRegistryContent() throws Exception {
        for (String oin : new String[] {ONTVANGER, STRANGER}) {
            String id = newId();
            GatewayFault f = expectFault(FaultCode.SENDER_NOT_AUTHORIZED, () -> as(oin).deliver(demo(id)));

            assertThat(f.getMessage()).contains(oin, "00YY").doesNotContain(ZENDER).doesNotContain("Demo LAS")
                    .doesNotContain("localhost").doesNotContain("0000000700001AB");
            assertThat(gateway.bean("deliveryQueries", DeliveryQueries.class).findPkFor("00YY", id, oin)).isEmpty();
            // the refusal is audited with the supplier that tried
            try (var c = gateway.bean("store", Store.class).dataSource().getConnection();
                 var ps = c.prepareStatement("SELECT actor, outcome FROM audit_event WHERE message_id = ? "
                         + "AND event_type = 'REJECTED'")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("supplier " + oin);
                    assertThat(rs.getString(2)).isEqualTo("SENDER_NOT_AUTHORIZED");
                }
            }
        }
    }

    @Test
    void aSupplierOinInTheBodyThatDiffersFromTheCertificateIsRefused() throws Exception {
        DeliverDossierRequest r = demo(newId());
        r.getSender().setSupplierOin(ONTVANGER);

        GatewayFault f = expectFault(FaultCode.SENDER_NOT_AUTHORIZED, () -> as(ZENDER).deliver(r));

        assertThat(f.getMessage()).contains(ONTVANGER, ZENDER);
    }

    @Test
    void aStatusReadByAnotherSupplierIsAsUnknownAsAMissingMessage() throws Exception {
        String id = newId();
        assertThat(as(ZENDER).deliver(demo(id)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        assertThat(as(ZENDER).port().getDeliveryStatus(statusOf(id)).getMessageId()).isEqualTo(id);

        GatewayFault foreign = expectFault(FaultCode.UNKNOWN_MESSAGE,
                () -> as(ONTVANGER).port().getDeliveryStatus(statusOf(id)));
        String missingId = newId();
        GatewayFault missing = expectFault(FaultCode.UNKNOWN_MESSAGE,
                () -> as(ONTVANGER).port().getDeliveryStatus(statusOf(missingId)));

        // the same words for both, apart from the id the caller asked for
        assertThat(foreign.getMessage().replace(id, "ID")).isEqualTo(missing.getMessage().replace(missingId, "ID"));
    }

    /** With {@code --supplier-oin} the sender kit's verdict is this answer to that supplier's certificate. */
    @ParameterizedTest(name = "{0} sends {1} (body supplierOin {2})")
    @CsvSource({
            // 00YY's own LAS: accepted, and a dossier or route fault is still found after authorization
            ZENDER + ", valid-deliver-request.xml, , ACCEPTED",
            ZENDER + ", invalid-route-no-agreement.xml, , NO_AGREEMENT",
            // a registered LAS without 00YY's mandate, and one the registry does not know: refused before the dossier
            ONTVANGER + ", invalid-dossier-bad-date.xml, , SENDER_NOT_AUTHORIZED",
            STRANGER + ", valid-deliver-request.xml, , SENDER_NOT_AUTHORIZED",
            // a body that claims another supplier than the certificate's
            ZENDER + ", invalid-route-no-mandate.xml, "
                    + ONTVANGER + ", SENDER_NOT_AUTHORIZED"})
    void theKitWithTheCertificatesOinAnswersAsTheGateway(String oin, String sample, String bodyOin, String expected)
            throws Exception {
        String request = Files.readString(SAMPLES.resolve(sample));
        if (bodyOin != null) {
            request = request.replace("<oso:vestiging>00</oso:vestiging></oso:sender>",
                    "<oso:vestiging>00</oso:vestiging><oso:supplierOin>" + bodyOin + "</oso:supplierOin></oso:sender>");
        }
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        SenderChecks kit = new SenderChecks(gateway.bean("schemaCatalog", SchemaCatalog.class), true, 20_971_520,
                SenderRouting.fromFile(gateway.workDir().resolve("registry.yaml").toString(), oin, Clock.systemUTC()));
        SenderVerdict verdict = kit.check(sample, body, null);
        assertThat(verdict.accepted() ? "ACCEPTED" : verdict.fault().code().name()).as(verdict.answer()).isEqualTo(expected);

        HttpClient tls = HttpClient.newBuilder().sslContext(pki.clientContext(pki.clientKeyStore(oin))).build();
        HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create(gateway.soapUrl()))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (verdict.accepted()) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("<status>ACCEPTED</status>");
        } else {
            Matcher m = CODE.matcher(r.body());
            assertThat(m.find()).as(r.body()).isTrue();
            assertThat(m.group(1)).as(verdict.answer() + " / " + r.body()).isEqualTo(expected);
        }
    }
}
