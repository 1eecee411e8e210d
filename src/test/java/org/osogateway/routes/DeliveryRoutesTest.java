package org.osogateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.xml.bind.JAXBContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osogateway.contract.v1.DeliverDossierRequest;
import org.osogateway.contract.v1.ObjectFactory;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.ReceivedCall;
import org.osogateway.registry.LocalRegistrySource;
import org.osogateway.registry.RegistrySnapshotRefresher;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.store.DeliveryJob;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.store.NewDossier;
import org.osogateway.delivery.DeliveryDispatcher;
import org.osogateway.store.AcceptanceStore;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.support.GatewayClient;
import org.osogateway.validation.SchemaCatalog;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Verifies the real YAML delivery routes (deliver-dossier, poll-due-jobs) with GatewayConfiguration against a mock LAS. */
@CamelMainTest(propertyPlaceholderLocations = "classpath:config/application.properties")
class DeliveryRoutesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeanInject
    CamelContext context;

    AcceptanceStore acceptances;
    DeliveryJobs jobs;
    DeliveryQueries queries;
    ProducerTemplate producer;

    @BeforeAll
    static void startEnvironment() throws Exception {
        RouteTestSupport.start("delivery");
    }

    @AfterAll
    static void stopEnvironment() throws Exception {
        RouteTestSupport.stop();
    }

    @BeforeEach
    void lookUp() throws Exception {
        // the dossier schemas compile in the background: DeliverDossier refuses until they are ready
        context.getRegistry().lookupByNameAndType("schemaCatalog", SchemaCatalog.class).whenCompiled()
                .get(60, TimeUnit.SECONDS);
        RouteTestSupport.las.reset();
        acceptances = context.getRegistry().lookupByNameAndType("acceptanceStore", AcceptanceStore.class);
        jobs = context.getRegistry().lookupByNameAndType("deliveryJobs", DeliveryJobs.class);
        queries = context.getRegistry().lookupByNameAndType("deliveryQueries", DeliveryQueries.class);
        producer = context.createProducerTemplate();
    }

    @AfterEach
    void nothingLeftInFlight() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(context.getInflightRepository().size()).isZero());
        producer.stop();
    }

    private DeliveryStatus status(long pk) throws Exception {
        return queries.status(pk).orElseThrow();
    }

    private long awaitState(long pk, DeliveryState state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(status(pk).state()).isEqualTo(state));
        return pk;
    }

    /** Accepts a dossier as the intake does, reserved for this instance, and offers it to the dispatcher. */
    private long acceptAndDeliver(String messageId) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the store keeps microseconds
        NewDossier d = RouteTestSupport.dossier(messageId);
        long pk = acceptances.accept(d, now, RouteTestSupport.instanceId(context), now.plusSeconds(120)).messagePk();
        context.getRegistry().lookupByNameAndType("deliveryDispatcher", DeliveryDispatcher.class)
                .offerAccepted(pk, d.endpointKey(), null);
        return pk;
    }

    @Test
    void deliverDossierRouteAcceptsAndDeliversOnce() throws Exception {
        Element dossier = GatewayClient.dossier(Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml"));
        DeliverDossierRequest request = GatewayClient.request("rt-intake-1", "00YY", "01AB",
                Overdrachtsoort.OVERSTAPDOSSIER, dossier);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().newDocument();
        JAXBContext.newInstance(ObjectFactory.class).createMarshaller().marshal(request, doc);
        CxfPayload<Object> body = new CxfPayload<>(null, List.of(doc.getDocumentElement()));

        Exchange answer = producer.send("direct:DeliverDossier", e -> {
            e.getMessage().setBody(body);
            e.setProperty("osoCorrelationId", "corr-rt-intake-1");
        });

        assertThat(answer.getException()).isNull();
        long pk = queries.findPk("00YY", "rt-intake-1").orElseThrow();
        awaitState(pk, DeliveryState.DELIVERED);
        assertThat(RouteTestSupport.las.countFor("rt-intake-1")).isEqualTo(1);
        assertThat(RouteTestSupport.las.callsFor("rt-intake-1")).isEqualTo(1);
        assertThat(RouteTestSupport.las.lastFor("rt-intake-1").orElseThrow().dossierSha256())
                .isEqualTo(((Element) ((CxfPayload<?>) answer.getMessage().getBody()).getBody().get(0))
                        .getElementsByTagNameNS("*", "dossierSha256").item(0).getTextContent());
        assertThat(status(pk).attempts()).isEqualTo(1);
        assertThat(status(pk).events()).extracting(DeliveryStatus.Event::type)
                .containsExactly("RECEIVED", "VALIDATED", "ROUTED", "ATTEMPT", "DELIVERED");
    }

    @Test
    void storedJobSentToTheQueueIsDeliveredOnce() throws Exception {
        long pk = acceptAndDeliver("rt-queue-1");

        awaitState(pk, DeliveryState.DELIVERED);
        Thread.sleep(500); // a poll or two later: still one delivery
        assertThat(RouteTestSupport.las.countFor("rt-queue-1")).isEqualTo(1);
        assertThat(RouteTestSupport.las.callsFor("rt-queue-1")).isEqualTo(1);
        assertThat(RouteTestSupport.las.lastFor("rt-queue-1").orElseThrow().dossierSha256())
                .isEqualTo(RouteTestSupport.dossier("rt-queue-1").dossierSha256());
    }

    @Test
    void pollerPicksUpARetryWaitJobOnceItIsDue() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the store keeps microseconds
        long pk = acceptances.accept(RouteTestSupport.dossier("rt-poll-1"), now, "other-instance", now.plusSeconds(60)).messagePk();
        DeliveryJob job = jobs.claim(pk, "other-instance", now, now.plusSeconds(60)).orElseThrow();
        Instant due = Instant.now().plusMillis(800);
        jobs.recordRetry(job, "other-instance", "RECEIVER_HTTP_503", "receiver answered HTTP 503", due,
                Instant.now());

        Thread.sleep(400);
        assertThat(RouteTestSupport.las.callsFor("rt-poll-1")).as("not before it is due").isZero();
        assertThat(status(pk).state()).isEqualTo(DeliveryState.RETRY_WAIT);

        awaitState(pk, DeliveryState.DELIVERED);
        assertThat(RouteTestSupport.las.countFor("rt-poll-1")).isEqualTo(1);
        assertThat(RouteTestSupport.las.lastFor("rt-poll-1").orElseThrow().receivedAt()).isAfterOrEqualTo(due);
        assertThat(RouteTestSupport.las.lastFor("rt-poll-1").orElseThrow().attempt()).isEqualTo(2);
        assertThat(status(pk).attempts()).isEqualTo(2);
    }

    @Test
    void receiverAnswering503TwiceThenOkEndsDeliveredAfterThreeAttempts() throws Exception {
        RouteTestSupport.las.failFirst(2, FailureMode.httpStatus(503));

        long pk = acceptAndDeliver("rt-503");

        awaitState(pk, DeliveryState.DELIVERED);
        assertThat(RouteTestSupport.las.received()).as("one POST per gateway attempt")
                .extracting(ReceivedCall::attempt).containsExactly(1, 2, 3);
        assertThat(status(pk).attempts()).isEqualTo(3);
        assertThat(RouteTestSupport.las.callsFor("rt-503")).isEqualTo(3);
        assertThat(RouteTestSupport.las.countFor("rt-503")).isEqualTo(1);
        assertThat(status(pk).events()).extracting(DeliveryStatus.Event::type).containsExactly("RECEIVED", "VALIDATED",
                "ROUTED", "ATTEMPT", "RETRY_SCHEDULED", "ATTEMPT", "RETRY_SCHEDULED", "ATTEMPT", "DELIVERED");
        assertThat(status(pk).lastErrorCode()).isNull();
    }

    @Test
    void soapClientFaultEndsFailedWithoutRetry() throws Exception {
        RouteTestSupport.las.soapFault("Client");

        long pk = acceptAndDeliver("rt-client-fault");

        awaitState(pk, DeliveryState.FAILED);
        Thread.sleep(700); // several poll intervals and retry delays: no further attempt
        DeliveryStatus s = status(pk);
        assertThat(s.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(s.lastErrorCode()).isEqualTo("RECEIVER_SOAP_FAULT");
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(RouteTestSupport.las.callsFor("rt-client-fault")).isEqualTo(1);
        assertThat(RouteTestSupport.las.countFor("rt-client-fault")).isZero();
    }

    @Test
    void registryChangeIsHonouredAtTheNextAttempt() throws Exception {
        LocalRegistrySource routing = context.getRegistry()
                .lookupByNameAndType("registryRefresher", RegistrySnapshotRefresher.class).source();
        Path ended = RouteTestSupport.workDir.resolve("registry-01ab-ended.yaml");
        Files.writeString(ended, RouteTestSupport.registryYamlWith01abMandateEnded());
        // The job was routable when accepted and has had one failed attempt.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the store keeps microseconds
        long pk = acceptances.accept(RouteTestSupport.dossier("rt-registry"), now, "other-instance", now.plusSeconds(60)).messagePk();
        DeliveryJob job = jobs.claim(pk, "other-instance", now, now.plusSeconds(60)).orElseThrow();
        jobs.recordRetry(job, "other-instance", "RECEIVER_HTTP_503", "receiver answered HTTP 503",
                Instant.now().plusMillis(500), Instant.now());
        try {
            routing.refresh(new RegistryFileLoader().load(ended));

            awaitState(pk, DeliveryState.FAILED);
            DeliveryStatus s = status(pk);
            assertThat(s.lastErrorCode()).isEqualTo("NO_MANDATE");
            assertThat(s.attempts()).isEqualTo(2);
            assertThat(RouteTestSupport.las.callsFor("rt-registry")).isZero();
        } finally {
            routing.refresh(new RegistryFileLoader().load(RouteTestSupport.registryFile));
        }
    }
}
