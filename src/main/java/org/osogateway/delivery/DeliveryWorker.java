package org.osogateway.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.osogateway.fault.GatewayException;
import org.osogateway.intake.DossierMemoryBudget;
import org.osogateway.registry.ResolvedEndpoint;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.store.DeliveryJob;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.tls.PlainHttpRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one delivery attempt, called by the deliver-dossier route: claim the job, re-resolve
 * its route, build the ReceiveDossier call, and record the classified outcome.
 */
public final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Exchange property: the claimed job. */
    public static final String JOB = "osoDeliveryJob";
    /** Exchange property: the routeringskenmerk the attempt goes to. */
    public static final String ROUTERINGSKENMERK = "osoRouteringskenmerk";
    /** Exchange property: the endpoint permit of this attempt. */
    public static final String PERMIT = "osoEndpointPermit";
    /** Exchange property: System.nanoTime() when the call to the receiver started. */
    public static final String CALL_STARTED = "osoCallStarted";

    private final DeliveryJobs store;
    private final RoutingRegistry registry;
    private final OutcomeClassifier classifier;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final String instanceId;
    private final Duration lease;
    private final PlainHttpRule plainHttp;
    private final DossierMemoryBudget memoryBudget;
    private final DeliveryDispatcher dispatcher;
    private final Duration attemptDeadline;
    private final io.micrometer.core.instrument.Timer deliveryLatency;

    public DeliveryWorker(DeliveryJobs store, RoutingRegistry registry, OutcomeClassifier classifier, RetryPolicy retryPolicy,
                          Clock clock, String instanceId, Duration lease, PlainHttpRule plainHttp,
                          DossierMemoryBudget memoryBudget, DeliveryDispatcher dispatcher, Duration attemptDeadline,
                          io.micrometer.core.instrument.Timer deliveryLatency) {
        this.store = store;
        this.registry = registry;
        this.classifier = classifier;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.instanceId = instanceId;
        this.lease = lease;
        this.plainHttp = plainHttp;
        this.memoryBudget = memoryBudget;
        this.dispatcher = dispatcher;
        this.attemptDeadline = attemptDeadline;
        this.deliveryLatency = deliveryLatency;
    }

    /**
     * Takes the dispatched job (the body, a {@link DeliveryDispatcher.Dispatch}) and claims it into property
     * {@value #JOB}; left unset when another worker or instance has it, it is not due, or the memory budget is
     * full (a later poll offers it again). However the attempt ends, its endpoint permit is given back.
     */
    public void claim(Exchange exchange) throws SQLException, InterruptedException {
        DeliveryDispatcher.Dispatch d = exchange.getMessage().getBody(DeliveryDispatcher.Dispatch.class);
        exchange.setProperty(PERMIT, d.permit());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                d.permit().release();
                dispatcher.finished(d.messagePk());
            }
        });
        exchange.getMessage().setBody(null);
        // the dossier is loaded, wrapped and sent: it takes its size of the memory budget first, or is left for a poll
        OptionalLong size = d.dossier() != null ? OptionalLong.of(d.dossier().length) : store.payloadSize(d.messagePk());
        if (size.isEmpty() || !memoryBudget.tryAcquire(exchange, size.getAsLong())) {
            return;
        }
        Instant now = clock.instant();
        Optional<DeliveryJob> job = store.claim(d.messagePk(), instanceId, now, now.plus(lease), d.dossier());
        job.ifPresent(j -> exchange.setProperty(JOB, j));
    }

    /**
     * Re-resolves the route (the registry may have changed since acceptance) and puts the SOAP
     * request in the body and the endpoint URL in the CamelHttpUri header. A routing fault ends
     * the job as FAILED (and leaves CamelHttpUri unset): retrying cannot help until an operator
     * fixes the registry and re-sends. So does a plain http URL that {@link PlainHttpRule} does not
     * permit: such a URL is never called.
     */
    public void prepareCall(Exchange exchange) throws SQLException {
        DeliveryJob job = exchange.getProperty(JOB, DeliveryJob.class);
        ResolvedEndpoint endpoint;
        try {
            endpoint = registry.resolveReceiver(job.receiverBrin(), job.receiverVestiging(),
                    job.requestedRouteringskenmerk(), job.dossierNamespace(), LocalDate.now(clock));
        } catch (GatewayException e) {
            store.recordFailed(job, instanceId, e.code().name(), e.getMessage(), clock.instant());
            return;
        }
        if (!plainHttp.permits(endpoint.url())) {
            LOG.warn("message {}: endpoint {} has a plain http URL to {}; not called (https only, plain http only to "
                    + "loopback with gateway.admin.allow-http-loopback=true)", job.messageId(), endpoint.routeringskenmerk(),
                    hostOf(endpoint.url()));
            // The sender sees this text: it names the endpoint by its routeringskenmerk, never by its URL.
            store.recordFailed(job, instanceId, OutcomeClassifier.RECEIVER_URL_NOT_HTTPS, "the receiver's endpoint "
                    + endpoint.routeringskenmerk() + " is not an https address; the gateway delivers over https only",
                    clock.instant());
            return;
        }
        if (!endpoint.routeringskenmerk().equals(job.endpointKey())) {
            // the registry moved the school: later attempts queue (and are isolated) under the new endpoint
            store.reroute(job.messagePk(), endpoint.routeringskenmerk());
        }
        exchange.setProperty(ROUTERINGSKENMERK, endpoint.routeringskenmerk());
        exchange.setProperty(CALL_STARTED, System.nanoTime());
        exchange.getMessage().setBody(ReceiveDossierEnvelope.entity(new ReceiveDossierCall(job.messageId(), job.senderBrin(),
                job.senderVestiging(), job.receiverBrin(), job.receiverVestiging(), endpoint.routeringskenmerk(),
                job.overdrachtsoort(), job.attempt(), job.dossierSha256(), job.canonicalDossier())));
        exchange.getMessage().setHeader(Exchange.HTTP_URI, endpoint.url());
    }

    /** Classifies the HTTP answer (or the exception) and records DELIVERED, RETRY_WAIT or FAILED. */
    public void recordOutcome(Exchange exchange) throws SQLException {
        DeliveryJob job = exchange.getProperty(JOB, DeliveryJob.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DeliveryOutcome outcome;
        if (error != null && pastDeadline(exchange)) {
            // AttemptDeadline aborted the call: however the abort surfaced, the receiver was too slow
            outcome = new DeliveryOutcome(DeliveryOutcome.Kind.TRANSIENT, OutcomeClassifier.RECEIVER_TIMEOUT,
                    "receiver did not answer completely within the attempt deadline of " + attemptDeadline, null, null);
            LOG.info("message {} attempt {} to endpoint {}: {} (attempt deadline {} passed)", job.messageId(),
                    job.attempt(), exchange.getProperty(ROUTERINGSKENMERK, String.class), outcome.code(), attemptDeadline);
        } else if (error != null) {
            outcome = classifier.classify(error);
            // The sender's lastError is deliberately short; the operator gets the details here.
            LOG.info("message {} attempt {} to endpoint {}: {} ({})", job.messageId(), job.attempt(),
                    exchange.getProperty(ROUTERINGSKENMERK, String.class), outcome.code(), rootCause(error));
        } else {
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
            byte[] body = exchange.getMessage().getBody(byte[].class);
            outcome = classifier.classify(status == null ? 0 : status, retryAfter, body == null ? new byte[0] : body,
                    job.messageId());
        }
        judge(exchange.getProperty(PERMIT, EndpointGate.Permit.class), outcome, error);
        Instant now = clock.instant();
        String routeringskenmerk = exchange.getProperty(ROUTERINGSKENMERK, String.class);
        switch (outcome.kind()) {
            case DELIVERED -> {
                store.recordDelivered(job, instanceId, routeringskenmerk, outcome.code(), now);
                deliveryLatency.record(Duration.between(job.scheduleStartedAt(), now)); // accepted (or re-sent) → now
            }
            case PERMANENT -> store.recordFailed(job, instanceId, outcome.code(), outcome.message(), now);
            case TRANSIENT -> {
                Optional<Instant> next = retryPolicy.nextAttemptAt(job.attemptsInSchedule(), job.scheduleStartedAt(), now,
                        outcome.retryAfter());
                if (next.isPresent()) {
                    store.recordRetry(job, instanceId, outcome.code(), outcome.message(), next.get(), now);
                } else {
                    store.recordFailed(job, instanceId, outcome.code(),
                            "gave up after " + job.attemptsInSchedule() + " attempts: " + outcome.message(), now);
                }
            }
        }
    }

    /** Tells the endpoint's circuit breaker: an answer, even a refusal, shows the receiver is alive. */
    private static void judge(EndpointGate.Permit permit, DeliveryOutcome outcome, Throwable error) {
        if (permit == null) {
            return;
        }
        switch (outcome.kind()) {
            case DELIVERED -> permit.answered();
            case TRANSIENT -> permit.failed(error != null ? error : new java.io.IOException(outcome.code()));
            // a refusal by the receiver is an answer; a call that could not be made says nothing about it
            case PERMANENT -> {
                if (error == null) {
                    permit.answered();
                }
            }
        }
    }

    private boolean pastDeadline(Exchange exchange) {
        Long started = exchange.getProperty(CALL_STARTED, Long.class);
        // a little slack: the abort fires on a timer thread and surfaces a moment later
        return started != null && System.nanoTime() - started >= attemptDeadline.toNanos() - 50_000_000L;
    }

    private static String hostOf(String url) {
        try {
            return String.valueOf(java.net.URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return "(unreadable URL)";
        }
    }

    /** The innermost cause as "Class: message", which for TLS says what JSSE disliked. */
    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
