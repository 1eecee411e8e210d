package org.osogateway;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.logging.NoOpFaultListener;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.osogateway.admin.AdminTokens;
import org.osogateway.audit.AuditTrail;
import org.apache.camel.builder.RouteBuilder;
import org.osogateway.registry.RegistryService;
import org.osogateway.delivery.AttemptDeadline;
import org.osogateway.delivery.CircuitRecorder;
import org.osogateway.delivery.DeliveryDispatcher;
import org.osogateway.delivery.DeliveryHttpComponent;
import org.osogateway.delivery.DeliveryMetrics;
import org.osogateway.delivery.DeliveryTlsCheck;
import org.osogateway.delivery.EndpointGates;
import org.osogateway.delivery.EndpointLimits;
import org.osogateway.delivery.DeliveryWorker;
import org.osogateway.delivery.DuePoller;
import org.osogateway.delivery.OutcomeClassifier;
import org.osogateway.delivery.PayloadPurger;
import org.osogateway.delivery.RetryPolicy;
import org.osogateway.intake.DeliverRequestParser;
import org.osogateway.intake.DossierAcceptor;
import org.osogateway.intake.DossierValidator;
import org.osogateway.intake.EnvelopeConsistency;
import org.osogateway.intake.DossierMemoryBudget;
import org.osogateway.intake.RoutePlanner;
import org.osogateway.intake.SenderAuthorization;
import org.osogateway.intake.SubmissionReader;
import org.osogateway.ops.EventMetrics;
import org.osogateway.ops.HealthCheck;
import org.osogateway.ops.StartupTimeline;
import org.osogateway.registry.JdbcRegistryStore;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.registry.RegistryLoadPolicy;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.registry.RoutingRules;
import org.osogateway.registry.remote.RemoteRegistryFactory;
import org.osogateway.registry.RegistrySnapshotRefresher;
import org.osogateway.soap.ConnectionCheckService;
import org.osogateway.soap.CorrelationCapture;
import org.osogateway.soap.DeliveryStatusService;
import org.osogateway.soap.AnswerHeaders;
import org.osogateway.soap.FaultShapingInterceptor;
import org.osogateway.soap.HeaderLimit;
import org.osogateway.soap.OperationGuard;
import org.osogateway.soap.WsdlOnlyGet;
import org.osogateway.soap.IntakeRejections;
import org.osogateway.soap.MemoryBudgetInterceptor;
import org.osogateway.soap.ReplyAddressGuard;
import org.osogateway.soap.RequestIntakeInterceptor;
import org.osogateway.soap.SoapListener;
import org.osogateway.soap.SoapPayloads;
import org.osogateway.store.AcceptanceStore;
import org.osogateway.store.CircuitStates;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.PayloadRetention;
import org.osogateway.store.PayloadCipher;
import org.osogateway.store.Store;
import org.osogateway.store.StoreSettings;
import org.osogateway.tls.ClientTls;
import org.osogateway.tls.PlainHttpRule;
import org.osogateway.validation.DossierCanonicalizer;
import org.osogateway.validation.RequestSchema;
import org.osogateway.validation.SchemaCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the gateway's beans from configuration; the routes in routes/ refer to them by name. */
public final class GatewayConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);
    static final String NS = "urn:oso-gateway:v1";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent props = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        long configureStarted = System.nanoTime();
        Clock clock = Clock.systemUTC();
        // every misconfiguration named at once, before any port or file is opened (README "Start-up and readiness")
        new org.osogateway.ops.StartupSelfCheck(k -> prop(props, k, null)).verify();
        String instanceId = instanceId(prop(props, "gateway.instance-id", ""));
        // intake and delivery threads from the cores unless configured; the delivery route reads the resolved count
        ThreadModel threads = ThreadModel.forThisMachine(k -> prop(props, k, null));
        props.addOverrideProperty("gateway.delivery.workers", Integer.toString(threads.deliveryWorkers()));
        LOG.info("threads: {} for the SOAP intake, {} delivery workers ({} cores)", threads.intakeThreads(),
                threads.deliveryWorkers(), threads.cores());
        // first: an unsafe SOAP listener refuses the start before anything is opened
        SoapListener soapListener = SoapListener.configure(k -> prop(props, k, null), clock, threads.intakeThreads());

        // the schemas and business rules are scanned now and compiled in the background (README "Start-up and readiness")
        SchemaCatalog catalog = schemaCatalog(context, props);

        // payload encryption at rest (off by default): a missing or malformed key refuses the start before the store
        // is opened; stored payloads whose key is not configured refuse it right after
        PayloadCipher cipher = PayloadCipher.fromSettings(k -> prop(props, k, null), System::getenv);
        long storeStarted = System.nanoTime();
        Store store = Store.open(new StoreSettings(prop(props, "gateway.store.url", null),
                prop(props, "gateway.store.user", "sa"), prop(props, "gateway.store.password", ""),
                Integer.parseInt(prop(props, "gateway.store.pool-size", "16")),
                Boolean.parseBoolean(prop(props, "gateway.store.sync-commits", "true"))));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                store.close();
            }
        }, true, true);
        registry.bind("store", store);
        try {
            cipher.checkReadable(store.dataSource());
        } catch (Exception e) {
            store.close(); // frees the data folder at once
            throw e;
        }
        if (cipher.currentKeyId() != null) {
            LOG.info("payloads are encrypted at rest with key id {}", cipher.currentKeyId());
        }
        StartupTimeline.phase("store opened and migrated", storeStarted);
        // the meter registry now, so that meters are built once here; Camel serves it at /observe/metrics
        MeterRegistry meters = org.osogateway.ops.MeterRegistries.of(registry,
                Boolean.parseBoolean(prop(props, "gateway.metrics.enabled", "true")));
        org.osogateway.ops.FlowTimers flowTimers = new org.osogateway.ops.FlowTimers(meters);
        registry.bind("flowTimers", flowTimers);
        AuditTrail auditTrail = new AuditTrail(new EventMetrics(meters));
        AcceptanceStore acceptances = new AcceptanceStore(store, auditTrail, cipher);
        DeliveryJobs deliveryJobs = new DeliveryJobs(store, auditTrail, cipher);
        DeliveryQueries deliveryQueries = new DeliveryQueries(store);
        registry.bind("acceptanceStore", acceptances);
        registry.bind("deliveryJobs", deliveryJobs);
        registry.bind("deliveryQueries", deliveryQueries);
        registry.bind("circuitStates", new CircuitStates(store));

        // Registry: the store holds it; the file seeds it (or replaces it) at start-up, and routing
        // reads an in-memory snapshot that follows the store's changes.
        String registryFile = prop(props, "gateway.registry.file", "classpath:config/registry-example.yaml");
        JdbcRegistryStore registryStore = new JdbcRegistryStore(store.dataSource());
        String loadOnStart = prop(props, "gateway.registry.load-on-start", "if-empty");
        long registryStarted = System.nanoTime();
        if (RegistryLoadPolicy.parse(loadOnStart).shouldLoad(registryStore.version())) {
            registryStore.replaceAll(new RegistryFileLoader().read(registryFile));
            LOG.info("registry loaded from {} into the store", registryFile);
        } else {
            LOG.info("registry kept as the store has it (version {}); {} not loaded (gateway.registry.load-on-start={})",
                    registryStore.version(), registryFile, loadOnStart);
        }
        RegistrySnapshotRefresher refresher = new RegistrySnapshotRefresher(registryStore);
        StartupTimeline.phase("registry seeded and read", registryStarted);
        RoutingRegistry routing = refresher.routing();
        List<org.osogateway.ops.ReadinessCheck> readinessChecks = new java.util.ArrayList<>(List.of(
                new org.osogateway.ops.StoreProbe(store.dataSource(), Duration.ofSeconds(2), Duration.ofSeconds(1)),
                new org.osogateway.ops.SchemaCatalogCheck(catalog)));
        if (RemoteRegistryFactory.remoteSelected(k -> prop(props, k, null))) {
            org.osogateway.registry.remote.CachingOsrRegistry osr = RemoteRegistryFactory.fromProperties(k -> prop(props, k, null));
            osr.bindMetrics(meters);
            readinessChecks.add(new org.osogateway.ops.RemoteRegistryCheck(osr.reachability()));
            routing = new RoutingRules(osr);
            LOG.info("routing registry: the OSR at {}", prop(props, "gateway.registry.remote.base-url", ""));
        }
        registry.bind("routingRegistry", routing);
        registry.bind("registryStore", registryStore);
        registry.bind("registryRefresher", refresher);
        boolean allowHttpLoopback = Boolean.parseBoolean(prop(props, "gateway.admin.allow-http-loopback", "true"));
        RegistryService registryService = new RegistryService(registryStore, refresher, new AuditTrail(),
                allowHttpLoopback, clock);
        registry.bind("registryService", registryService);

        registry.bind("schemaCatalog", catalog);

        DossierMemoryBudget memoryBudget = dossierMemoryBudget(props);
        registry.bind("dossierMemoryBudget", memoryBudget);
        long cxfStarted = System.nanoTime();
        registry.bind("osoGatewayEndpoint", cxfEndpoint(context, props, soapListener, memoryBudget));
        StartupTimeline.phase("CXF endpoint configured", cxfStarted);
        registry.bind("correlationCapture", new CorrelationCapture());
        registry.bind("callerIdentification", soapListener.callerIdentification());
        registry.bind("soapPayloads", new SoapPayloads());
        registry.bind("requestSchema", RequestSchema.load());
        boolean businessRules = Boolean.parseBoolean(prop(props, "gateway.schemas.business-rules-enabled", "true"));
        org.osogateway.intake.ValidationTimers validationTimers = org.osogateway.intake.ValidationTimers.register(meters);
        registry.bind("deliverRequestParser", new DeliverRequestParser(catalog, businessRules, validationTimers));
        registry.bind("submissionReader", new SubmissionReader());
        registry.bind("dossierValidator", new DossierValidator(catalog, businessRules, validationTimers));
        registry.bind("senderAuthorization", new SenderAuthorization(routing, catalog, clock));
        registry.bind("routePlanner", new RoutePlanner(routing, clock));
        registry.bind("envelopeConsistency", new EnvelopeConsistency());
        Duration lease = Duration.parse(prop(props, "gateway.delivery.lease", "PT2M"));
        registry.bind("dossierAcceptor", new DossierAcceptor(acceptances, clock, instanceId, lease));
        registry.bind("intakeRejections", new IntakeRejections(acceptances, clock));
        registry.bind("deliveryStatusService", new DeliveryStatusService(deliveryQueries));
        registry.bind("connectionCheckService", new ConnectionCheckService(routing, clock));
        // one parse of the tokens, for the admin API and the status page, both only on the ops port
        AdminTokens tokens = Boolean.parseBoolean(prop(props, "gateway.admin.enabled", "true"))
                ? AdminTokens.parse(prop(props, AdminTokens.SETTING, "")) : AdminTokens.none();
        org.osogateway.status.StatusPage.install(context, k -> prop(props, k, null), tokens, store, routing, deliveryJobs);

        RetryPolicy retryPolicy = new RetryPolicy(
                Duration.parse(prop(props, "gateway.retry.initial-delay", "PT30S")),
                Double.parseDouble(prop(props, "gateway.retry.multiplier", "2.0")),
                Duration.parse(prop(props, "gateway.retry.max-delay", "PT1H")),
                Duration.parse(prop(props, "gateway.retry.give-up-after", "P7D")),
                Double.parseDouble(prop(props, "gateway.retry.jitter", "0.2")),
                () -> ThreadLocalRandom.current().nextDouble());
        EndpointGates gates = deliveryGates(context, props, deliveryJobs, new CircuitStates(store), instanceId, clock);
        DeliveryDispatcher dispatcher = deliveryDispatcher(context, props, gates, deliveryJobs, instanceId, clock,
                threads.deliveryWorkers());
        Duration attemptDeadline = Duration.parse(prop(props, "gateway.delivery.attempt-deadline", "PT90S"));
        if (lease.compareTo(attemptDeadline.plusSeconds(10)) < 0) {
            // a lease that runs out while its attempt still runs lets another instance start a second one
            throw new IllegalArgumentException("gateway.delivery.lease (" + lease + ") must be at least 10 s longer than "
                    + "gateway.delivery.attempt-deadline (" + attemptDeadline + ")");
        }
        registry.bind("deliveryWorker", new DeliveryWorker(deliveryJobs, routing, new OutcomeClassifier(), retryPolicy,
                clock, instanceId, lease, new PlainHttpRule(allowHttpLoopback), memoryBudget, dispatcher, attemptDeadline,
                flowTimers.delivery()));
        registry.bind("duePoller", new DuePoller(deliveryJobs, dispatcher, clock,
                Integer.parseInt(prop(props, "gateway.delivery.batch-size", "200")), instanceId));
        // Retries are the gateway's own, persisted and audited; the HTTP client must never repeat a POST itself.
        // Each call has a total deadline besides the connect, handshake and per-read response timeouts.
        DeliveryHttpComponent http = new DeliveryHttpComponent();
        http.setTlsHandshakeTimeout(Duration.ofMillis(Long.parseLong(
                prop(props, "gateway.delivery.tls-handshake-timeout-ms", "10000"))));
        context.addComponent("http", http);
        AttemptDeadline deadline = new AttemptDeadline(attemptDeadline);
        registry.bind("attemptDeadline", deadline);
        http.setHttpClientConfigurer(b -> b.disableAutomaticRetries().addExecInterceptorFirst("oso-attempt-deadline",
                deadline));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                deadline.close();
            }
        }, true, true);
        // Delivery presents the gateway's certificate and checks the receiver's against gateway.delivery.tls.*,
        // TLS 1.2+ only, always with host-name verification (checked again at start, after Camel's own settings).
        ClientTls deliveryTls = ClientTls.fromProperties("gateway.delivery.tls.", k -> prop(props, k, null));
        SSLContextParameters deliverySsl = deliveryTls.camelParameters();
        http.setSslContextParameters(deliverySsl);
        http.setX509HostnameVerifier(new DefaultHostnameVerifier());
        context.addService(new DeliveryTlsCheck(http, deliverySsl), true, true);
        LOG.info("delivery TLS: {}", deliveryTls.summary());
        registry.bind("payloadPurger", new PayloadPurger(new PayloadRetention(store, auditTrail), clock,
                Duration.parse(prop(props, "gateway.store.delivered-payload-retention", "P1D"))));
        if (Boolean.parseBoolean(prop(props, "gateway.admin.enabled", "true"))) {
            // the admin API lives on the ops port (camel.server.*, the embedded platform-http server), never on
            // the SOAP port, which CXF serves on its own
            // the connection report reads the registry that routes: the OSR when gateway.registry.source=remote
            bindAdminApi(registry, tokens, registryService, routing, new org.osogateway.admin.DeliveriesResource(
                    deliveryQueries, deliveryJobs, new org.osogateway.store.MessagePurge(store, auditTrail),
                    new org.osogateway.store.DeadLetterQuery(store), clock));
            // loaded here rather than by camel.main.routes-include-pattern: without the ops server there is no API
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/admin-api.camel.yaml"));
            // /health, /health/live, /health/ready (README "Health and metrics")
            org.osogateway.ops.Readiness readiness = new org.osogateway.ops.Readiness(readinessChecks);
            context.addRoutes(new org.osogateway.ops.OpsRoutes(new HealthCheck(readiness, refresher, catalog,
                    soapListener.health(), soapListener.warnings(), gates::notClosed),
                    new org.osogateway.ops.HealthProbes(context, readiness)));
        }
        // oso_jobs_waiting*: counted in the store every 5 s by one query, never per scrape
        if (Boolean.parseBoolean(prop(props, "gateway.metrics.enabled", "true"))) {
            org.osogateway.ops.WaitingJobGauges waitingJobs = new org.osogateway.ops.WaitingJobGauges(
                    new org.osogateway.store.WaitingJobCounts(store.dataSource()), meters);
            RouteBuilder.addRoutes(context, rb -> rb.from("timer:oso-waiting-jobs?period=5000&delay=1000")
                    .routeId("waiting-job-gauges").bean(waitingJobs, "refresh"));
        }
        // the real URLs, once the ports are open (port 0: the port the system chose)
        context.addStartupListener(new org.osogateway.ops.ListeningUrls(soapListener.address(),
                opsServer(props, "gateway.admin", "8081"), opsServer(props, "gateway.metrics", "9876")));
        LOG.info("instance {}: store {}, registry {}", instanceId, prop(props, "gateway.store.url", ""), registryFile);
        StartupTimeline.phase("gateway beans wired", configureStarted);
    }

    /** The beans of routes/admin-api.camel.yaml: the guard, one bean per resource, the error writer. */
    private static void bindAdminApi(Registry registry, AdminTokens tokens, RegistryService registryService,
                                     RoutingRegistry routing, org.osogateway.admin.DeliveriesResource deliveries) {
        com.fasterxml.jackson.databind.ObjectMapper json = org.osogateway.admin.AdminJson.mapper();
        // routes/admin-api.camel.yaml names it as the REST binding's ObjectMapper
        registry.bind("adminJson", json);
        registry.bind("adminHeaderFilter", new org.osogateway.admin.AdminHeaderFilter());
        registry.bind("adminErrorWriter", new org.osogateway.admin.AdminErrorWriter(json));
        registry.bind("adminGuard", new org.osogateway.admin.AdminGuard(tokens));
        registry.bind("adminIndex", new org.osogateway.admin.AdminIndex());
        registry.bind("adminBoards", new org.osogateway.admin.BoardsResource(registryService, routing));
        registry.bind("adminSchools", new org.osogateway.admin.SchoolsResource(registryService, routing));
        registry.bind("adminSuppliers", new org.osogateway.admin.SuppliersResource(registryService));
        registry.bind("adminMandates", new org.osogateway.admin.MandatesResource(registryService));
        registry.bind("adminEndpoints", new org.osogateway.admin.EndpointsResource(registryService));
        registry.bind("adminRegistryFile", new org.osogateway.admin.RegistryFileResource(registryService));
        registry.bind("adminDeliveries", deliveries);
    }

    /** Runs each task on a thread of its own once the Camel context has fully started (the SOAP port is open). */
    private static java.util.concurrent.Executor onceStarted(CamelContext context) {
        return task -> {
            try {
                context.addStartupListener(new StartupListener() {
                    @Override
                    public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    }

                    @Override
                    public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                        SchemaCatalog.ON_ITS_OWN_THREAD.execute(task);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot wait for the start of the Camel context", e);
            }
        };
    }

    /**
     * The dossier schema catalog: scanned now (a missing folder refuses the start), compiled in the background
     * (gateway.schemas.compile-in-background, DeliverDossier answers TEMPORARILY_UNAVAILABLE until it is done) or
     * before the start goes on (a schema that does not compile refuses the start).
     */
    private static SchemaCatalog schemaCatalog(CamelContext context, PropertiesComponent props) throws Exception {
        long started = System.nanoTime();
        List<Path> schemaDirs = new java.util.ArrayList<>(dirs(prop(props, "gateway.schemas.dirs", "")));
        schemaDirs.addAll(installedVersions(Path.of(prop(props, "gateway.schemas.installed-dir", "data/schemas"))));
        boolean demo = Boolean.parseBoolean(prop(props, "gateway.schemas.demo-enabled", "true"));
        if (!Boolean.parseBoolean(prop(props, "gateway.schemas.compile-in-background", "true"))) {
            SchemaCatalog catalog = SchemaCatalog.load(schemaDirs, demo);
            StartupTimeline.phase("dossier schemas " + catalog.namespaces() + " compiled (before the start went on)",
                    started);
            return catalog;
        }
        SchemaCatalog catalog = Runtime.getRuntime().availableProcessors() > 2
                ? SchemaCatalog.loadInBackground(schemaDirs, demo)
                // on two processors the start (and the JIT compilers) keeps both busy: the compilation waits until
                // the SOAP port is open, so that the first answers do not wait for it
                : SchemaCatalog.loadInBackground(schemaDirs, demo, onceStarted(context));
        catalog.whenCompiled().thenAccept(c -> StartupTimeline.phase("dossier schemas " + c.namespaces()
                + " compiled in the background; the gateway is ready", started));
        return catalog;
    }

    /** One gate per receiver endpoint: bulkhead, drain rate and circuit breaker (gateway.delivery.endpoint.*). */
    private static EndpointGates deliveryGates(CamelContext context, PropertiesComponent props, DeliveryJobs jobs,
                                               CircuitStates circuits, String instanceId, Clock clock) {
        EndpointLimits limits = EndpointLimits.fromProperties(k -> prop(props, k, null));
        DeliveryDispatcher[] dispatcher = new DeliveryDispatcher[1];
        EndpointGates gates = new EndpointGates(limits, clock, new CircuitRecorder(circuits, jobs, instanceId, clock),
                new DeliveryMetrics(() -> context.getRegistry().findSingleByType(MeterRegistry.class),
                        () -> context.getRegistry().lookupByNameAndType("deliveryDispatcher", DeliveryDispatcher.class)));
        LOG.info("delivery per endpoint: at most {} attempt(s) in flight, {} started per second, circuit opens after {} "
                        + "failed attempts in a row (probe after {}, doubling up to {})", limits.maxInFlight(),
                limits.maxRatePerSecond() > 0 ? limits.maxRatePerSecond() : "unlimited", limits.failureThreshold(),
                limits.openWait(), limits.maxOpenWait());
        return gates;
    }

    /** Queues jobs per endpoint and hands them round-robin to the workers (seda:deliver). */
    private static DeliveryDispatcher deliveryDispatcher(CamelContext context, PropertiesComponent props, EndpointGates gates,
                                                         DeliveryJobs jobs, String instanceId, Clock clock,
                                                         int workerCount) throws Exception {
        // straight into the workers' queue (the route's seda endpoint): put() waits while all workers are busy
        org.apache.camel.component.seda.SedaEndpoint workers = context.getEndpoint("seda:deliver?size=" + workerCount,
                org.apache.camel.component.seda.SedaEndpoint.class);
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(gates, d -> {
                    org.apache.camel.Exchange e = workers.createExchange();
                    e.getMessage().setBody(d);
                    workers.getQueue().put(e);
                },
                (key, pks, until, now) -> jobs.park(key, pks, instanceId, until, OutcomeClassifier.RECEIVER_CIRCUIT_OPEN,
                        "the circuit of endpoint " + key + " is open after failed attempts in a row; next probe at "
                                + until, now),
                clock, Integer.parseInt(prop(props, "gateway.delivery.queue-size", "10000")),
                Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 16));
        context.getRegistry().bind("deliveryDispatcher", dispatcher);
        context.addService(dispatcher, true, true);
        return dispatcher;
    }

    private static CxfEndpoint cxfEndpoint(CamelContext context, PropertiesComponent props, SoapListener listener,
                                           DossierMemoryBudget memoryBudget) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setCamelContext(context);
        endpoint.setAddress(listener.address());
        listener.install(endpoint.getBus()); // timeouts, caps and TLS on the port's Undertow engine, before it starts
        endpoint.setWsdlURL("classpath:wsdl/oso-gateway.wsdl");
        endpoint.setServiceName("{" + NS + "}OsoGatewayService");
        endpoint.setPortName("{" + NS + "}OsoGatewayPort");
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        // The body is needed as a DOM (canonical form, validation); let CXF build it once while reading.
        endpoint.setAllowStreaming(true);
        // Validation, storage and the answer happen on the request thread: the sender's ACCEPTED means stored.
        endpoint.setSynchronous(true);
        // WS-Addressing headers are understood (and answered with wsa:RelatesTo), but replies and faults only ever
        // go back on the same connection: a wsa:ReplyTo or wsa:FaultTo elsewhere is refused (ReplyAddressGuard).
        WSAddressingFeature addressing = new WSAddressingFeature();
        addressing.setAddressingRequired(false);
        addressing.setResponses(WSAddressingFeature.AddressingResponses.ANONYMOUS);
        endpoint.setFeatures(new java.util.ArrayList<>(List.of(addressing)));
        long maxRequestBytes = Long.parseLong(prop(props, "gateway.limits.max-request-bytes", "20971520"));
        // bodies are read whole: each takes its share of the memory budget first (README "Memory")
        endpoint.getInInterceptors().add(new MemoryBudgetInterceptor(memoryBudget, maxRequestBytes));
        endpoint.getInInterceptors().addAll(List.of(new RequestIntakeInterceptor(maxRequestBytes), new WsdlOnlyGet(),
                new HeaderLimit(), new OperationGuard(), new ReplyAddressGuard()));
        endpoint.getOutInterceptors().add(MemoryBudgetInterceptor.release());
        endpoint.getOutFaultInterceptors().add(MemoryBudgetInterceptor.release());
        endpoint.getOutFaultInterceptors().add(new FaultShapingInterceptor(
                () -> context.getRegistry().lookupByNameAndType("intakeRejections", IntakeRejections.class)));
        endpoint.getOutInterceptors().add(new AnswerHeaders());
        endpoint.getOutFaultInterceptors().add(new AnswerHeaders());
        Map<String, Object> cxfProps = new HashMap<>();
        // refusals are logged once by the fault shaping (and the audit), not by CXF with a stack trace
        cxfProps.put(FaultListener.class.getName(), new NoOpFaultListener());
        cxfProps.put("org.apache.cxf.stax.maxElementDepth", prop(props, "gateway.limits.max-element-depth", "100"));
        cxfProps.put("org.apache.cxf.stax.maxElementCount", prop(props, "gateway.limits.max-element-count", "200000"));
        cxfProps.put("org.apache.cxf.stax.maxAttributeCount", prop(props, "gateway.limits.max-attribute-count", "500"));
        endpoint.setProperties(cxfProps);
        return endpoint;
    }

    private static DossierMemoryBudget dossierMemoryBudget(PropertiesComponent props) {
        long maxRequest = Long.parseLong(prop(props, "gateway.limits.max-request-bytes", "20971520"));
        String configured = prop(props, "gateway.limits.memory-budget", "");
        long budget = configured.isEmpty() ? DossierMemoryBudget.defaultBudget(Runtime.getRuntime().maxMemory(), maxRequest)
                : Long.parseLong(configured);
        DossierMemoryBudget b = new DossierMemoryBudget(budget, maxRequest,
                Duration.parse(prop(props, "gateway.limits.memory-budget-wait", "PT30S")));
        LOG.info("memory budget: {} MiB of dossiers handled at once (max heap {} MiB)", budget >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        return b;
    }

    private static org.osogateway.ops.ListeningUrls.OpsServer opsServer(PropertiesComponent props, String prefix,
                                                                          String defaultPort) {
        return new org.osogateway.ops.ListeningUrls.OpsServer(Boolean.parseBoolean(prop(props, prefix + ".enabled", "true")),
                prop(props, prefix + ".host", "127.0.0.1"), Integer.parseInt(prop(props, prefix + ".port", defaultPort)));
    }

    static String prop(PropertiesComponent props, String key, String fallback) {
        return props.resolveProperty(key).map(String::trim).orElse(fallback);
    }

    private static List<Path> dirs(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    /** Every version folder that {@code schemas install} put under the installed-schemas folder. */
    static List<Path> installedVersions(Path installedDir) throws java.io.IOException {
        return org.osogateway.validation.InstalledSchemas.versionFolders(installedDir); // skips hidden in-progress installs
    }

    private static String instanceId(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
