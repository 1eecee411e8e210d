package org.osogateway.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An embedded receiving LAS on WireMock: answers ReceiveDossier at {@value #PATH}, fails on demand, and shows what it
 * received. Behaviour can be changed at runtime through this API or over HTTP under {@value #ADMIN_PREFIX}.
 */
public final class MockLas implements AutoCloseable {

    /** Where the mock serves ReceiveDossier (POST). */
    public static final String PATH = "/las/oso/v1";
    /** Where its own admin paths live (not WireMock's /__admin). */
    public static final String ADMIN_PREFIX = "/mock/";
    public static final int DEFAULT_PORT = 8089;
    public static final int DEFAULT_KEEP_CALLS = 1000;
    public static final int DEFAULT_KEEP_DOSSIERS = 100;
    public static final int DEFAULT_CONTAINER_THREADS = 50;

    /** What the mock does with the next call; swapped as a whole so readers never see half an update. */
    private record Behaviour(FailureMode mode, boolean limited, Duration delay) {
        static final Behaviour SUCCEED = new Behaviour(null, false, Duration.ZERO);
    }

    /** A recorded call whose dossier bytes may be dropped later to bound memory. */
    private static final class Entry {
        final ReceivedCall summary; // without dossier bytes
        byte[] dossier;

        Entry(ReceivedCall summary, byte[] dossier) {
            this.summary = summary;
            this.dossier = dossier;
        }

        ReceivedCall toCall() {
            ReceivedCall s = summary;
            return new ReceivedCall(s.messageId(), s.attempt(), s.senderBrin(), s.receiverBrin(), s.dossierSha256(),
                    s.requestSize(), s.dossierSize(), s.receivedAt(), s.httpStatus(), s.answer(), s.clientCertificate(),
                    dossier);
        }
    }

    private final int keepCalls;
    private final int keepDossiers;
    private final int containerThreads;
    private final Clock clock;
    private final WireMockServer server;
    private final MockLasHttps https;

    private volatile Behaviour behaviour = Behaviour.SUCCEED;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    // when set, it decides every answer instead of behaviour
    private volatile MockLasScenario scenario;

    // A hanging call holds a Jetty thread: their number and time are capped so the mock keeps answering others.
    private volatile Duration hangMax = ScenarioFile.DEFAULT_HANG_MAX;
    private volatile Semaphore hangSlots = new Semaphore(ScenarioFile.DEFAULT_HANG_MAX_CALLS);
    private final CountDownLatch stopping = new CountDownLatch(1);

    private final Object lock = new Object();
    private final Deque<Entry> calls = new ArrayDeque<>();
    private final Deque<Entry> callsWithDossier = new ArrayDeque<>();
    // Counters survive eviction from the bounded list, so exactly-once checks hold for long runs too.
    private final ConcurrentHashMap<String, AtomicInteger> deliveredById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> callsById = new ConcurrentHashMap<>();
    private final LongAdder totalCalls = new LongAdder();
    private final LongAdder totalDelivered = new LongAdder();

    /** A mock on the given port (0 = any free port) with default limits. */
    public MockLas(int port) {
        this(port, DEFAULT_KEEP_CALLS, DEFAULT_KEEP_DOSSIERS, DEFAULT_CONTAINER_THREADS, Clock.systemUTC());
    }

    /** Plain http only; see {@link #MockLas(int, MockLasHttps, int, int, int, Clock)}. */
    public MockLas(int port, int keepCalls, int keepDossiers, int containerThreads, Clock clock) {
        this(port, null, keepCalls, keepDossiers, containerThreads, clock);
    }

    /** A mock on a plain http port and, when {@code https} is given, an https port as well. */
    public MockLas(int port, MockLasHttps https) {
        this(port, https, DEFAULT_KEEP_CALLS, DEFAULT_KEEP_DOSSIERS, DEFAULT_CONTAINER_THREADS, Clock.systemUTC());
    }

    /**
     * @param port             the HTTP port, 0 for any free port
     * @param https            the https port and its certificates, or null for plain http only
     * @param keepCalls        how many of the newest calls {@link #received()} keeps
     * @param keepDossiers     of those, how many keep their dossier bytes (173 KB each adds up quickly)
     * @param containerThreads Jetty worker threads
     * @param clock            for the receivedAt times
     */
    public MockLas(int port, MockLasHttps https, int keepCalls, int keepDossiers, int containerThreads, Clock clock) {
        this("127.0.0.1", port, https, keepCalls, keepDossiers, containerThreads, clock);
    }

    /**
     * A mock on another interface than loopback (tests that need the mock reachable under a second address);
     * the other constructors listen on 127.0.0.1 only: a development tool that shows the dossiers it received
     * must not be reachable from another machine.
     */
    public MockLas(String bindAddress, int port, MockLasHttps https, int keepCalls, int keepDossiers,
                   int containerThreads, Clock clock) {
        if (keepCalls < 1 || keepDossiers < 0 || keepDossiers > keepCalls) {
            throw new IllegalArgumentException("need keepCalls >= 1 and 0 <= keepDossiers <= keepCalls");
        }
        this.keepCalls = keepCalls;
        this.keepDossiers = keepDossiers;
        this.containerThreads = containerThreads;
        this.clock = Objects.requireNonNull(clock, "clock");
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress(bindAddress)
                .port(port)
                .containerThreads(containerThreads)
                // The journal would keep every 173 KB request forever; we keep our own bounded list instead.
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .extensions(new MockLasTransformer(this))
                // only to see the caller's client certificate, which WireMock's request view leaves out
                .httpServerFactory(new MockLasServerFactory());
        this.https = https;
        if (https != null) {
            options.httpsPort(https.port())
                    .keystorePath(https.keystore().toString())
                    .keystorePassword(https.keystorePassword())
                    .keyManagerPassword(https.keystorePassword())
                    .keystoreType(https.keystoreType());
            if (https.truststore() != null) {
                options.trustStorePath(https.truststore().toString())
                        .trustStorePassword(https.truststorePassword() == null ? "" : https.truststorePassword())
                        .trustStoreType(https.truststoreType());
            }
            options.needClientAuth(https.needClientAuth());
        }
        this.server = new WireMockServer(options);
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers(MockLasTransformer.NAME)));
        server.stubFor(any(urlPathMatching("/mock/.*")).willReturn(aResponse().withTransformers(MockLasTransformer.NAME)));
    }

    /** Starts listening; returns this for chaining. */
    public MockLas start() {
        server.start();
        return this;
    }

    /** Lets hanging calls go (their connections are closed without an answer), then stops listening. */
    public void stop() {
        stopping.countDown();
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** The port it listens on (the actual one when started with port 0). */
    public int port() {
        return server.port();
    }

    /** The ReceiveDossier endpoint URL on localhost. */
    public URI endpoint() {
        return URI.create(baseUrl() + PATH);
    }

    /** http://localhost:port */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Whether it also listens for https. */
    public boolean httpsEnabled() {
        return https != null;
    }

    /** The https port (the actual one when started with port 0). */
    public int httpsPort() {
        requireHttps();
        return server.httpsPort();
    }

    /** The ReceiveDossier endpoint URL over https on localhost (the name a test server certificate carries). */
    public URI httpsEndpoint() {
        return URI.create(httpsBaseUrl() + PATH);
    }

    /** https://localhost:httpsPort */
    public String httpsBaseUrl() {
        return "https://localhost:" + httpsPort();
    }

    /** Whether callers must present a trusted client certificate. */
    public boolean needsClientCertificate() {
        return https != null && https.needClientAuth();
    }

    private void requireHttps() {
        if (https == null) {
            throw new IllegalStateException("this mock LAS was started without https");
        }
    }

    // ---- behaviour -------------------------------------------------------------------------------------------

    /** Answer every call with this HTTP status (plain-text body). */
    public MockLas httpStatus(int status) {
        return always(FailureMode.httpStatus(status));
    }

    /** Answer every call with this HTTP status and a Retry-After header. */
    public MockLas httpStatus(int status, Duration retryAfter) {
        return always(FailureMode.httpStatus(status, retryAfter));
    }

    /** Answer every call with a SOAP fault {@code soap:Client} or {@code soap:Server} (HTTP 500). */
    public MockLas soapFault(String faultCode) {
        return always(FailureMode.soapFault(faultCode));
    }

    /** Fail every call in this way until told otherwise (ends a scenario). */
    public synchronized MockLas always(FailureMode mode) {
        scenario = null;
        behaviour = new Behaviour(Objects.requireNonNull(mode, "mode"), false, behaviour.delay());
        return this;
    }

    /** The next {@code n} calls fail in this way, later calls succeed (ends a scenario). */
    public synchronized MockLas failFirst(int n, FailureMode mode) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        scenario = null;
        failuresLeft.set(n);
        behaviour = new Behaviour(Objects.requireNonNull(mode, "mode"), true, behaviour.delay());
        return this;
    }

    /** Wait this long before every answer. */
    public synchronized MockLas delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        behaviour = new Behaviour(behaviour.mode(), behaviour.limited(), delay);
        return this;
    }

    /** Answer RECEIVED again (keeps the delay; ends a scenario). */
    public synchronized MockLas succeed() {
        scenario = null;
        behaviour = new Behaviour(null, false, behaviour.delay());
        return this;
    }

    /**
     * Back to the default behaviour (RECEIVED, no delay) and forget all received calls and counters; a scenario
     * stays and starts again from its first call.
     */
    public synchronized MockLas reset() {
        behaviour = Behaviour.SUCCEED;
        failuresLeft.set(0);
        MockLasScenario s = scenario;
        if (s != null) {
            s.restart();
        }
        clearReceived();
        return this;
    }

    /** Answer by this scenario's rules from now on (and take its hang limits); the behaviour methods end it. */
    public synchronized MockLas scenario(MockLasScenario scenario) {
        hangLimits(scenario.hangMax(), scenario.hangMaxCalls());
        this.scenario = scenario;
        return this;
    }

    /** The scenario in force, if any. */
    public Optional<MockLasScenario> scenario() {
        return Optional.ofNullable(scenario);
    }

    /**
     * A hanging call is held at most {@code max}, and at most {@code calls} calls (never more than half the worker
     * threads) hang at once; a call beyond that has its connection closed at once. Either way it gets no answer.
     */
    public synchronized MockLas hangLimits(Duration max, int calls) {
        if (max.isNegative() || calls < 1) {
            throw new IllegalArgumentException("need max >= 0 and calls >= 1");
        }
        hangMax = max;
        hangSlots = new Semaphore(Math.min(calls, Math.max(1, containerThreads / 2)));
        return this;
    }

    /** The failure mode in force, or empty when calls succeed (once a failFirst count is used up, too). */
    public Optional<FailureMode> failureMode() {
        Behaviour b = behaviour;
        return b.limited() && failuresLeft.get() <= 0 ? Optional.empty() : Optional.ofNullable(b.mode());
    }

    /** How many failFirst failures are still to come; -1 when failing without limit, 0 when succeeding. */
    public int failuresLeft() {
        Behaviour b = behaviour;
        if (b.mode() == null) {
            return 0;
        }
        return b.limited() ? Math.max(0, failuresLeft.get()) : -1;
    }

    public Duration currentDelay() {
        return behaviour.delay();
    }

    long delayMillis() {
        return behaviour.delay().toMillis();
    }

    /** The answer for a readable call to this receiving BRIN: by the scenario when one is in force. */
    MockLasReply nextReply(String receiverBrin) {
        MockLasScenario s = scenario;
        if (s != null) {
            return s.replyFor(receiverBrin);
        }
        return new MockLasReply(nextFailure(), false, behaviour.delay());
    }

    /**
     * Holds the calling thread until the hang limit passes or the mock stops, after running {@code whenHeld};
     * false at once when the maximum number of calls already hang.
     */
    boolean hang(Runnable whenHeld) {
        Semaphore slots = hangSlots;
        if (!slots.tryAcquire()) {
            return false;
        }
        try {
            whenHeld.run();
            stopping.await(hangMax.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slots.release();
        }
        return true;
    }

    /** The failure for the call being answered, or null to answer RECEIVED; uses up one failFirst count. */
    FailureMode nextFailure() {
        Behaviour b = behaviour;
        if (b.mode() == null) {
            return null;
        }
        if (!b.limited()) {
            return b.mode();
        }
        return failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? b.mode() : null;
    }

    // ---- what it received ------------------------------------------------------------------------------------

    void record(ReceiveDossierRequestReader.Parsed parsed, int requestSize, int httpStatus, String answer) {
        String clientCertificate = ClientCertificateFilter.currentSubject();
        ReceivedCall summary = parsed == null
                ? new ReceivedCall(null, null, null, null, null, requestSize, 0, clock.instant(), httpStatus, answer,
                        clientCertificate, null)
                : new ReceivedCall(parsed.messageId(), parsed.attempt(), parsed.senderBrin(), parsed.receiverBrin(),
                        parsed.dossierSha256(), requestSize, parsed.dossier().length, clock.instant(), httpStatus, answer,
                        clientCertificate, null);
        totalCalls.increment();
        if (parsed != null) {
            callsById.computeIfAbsent(parsed.messageId(), k -> new AtomicInteger()).incrementAndGet();
            if (summary.delivered()) {
                totalDelivered.increment();
                deliveredById.computeIfAbsent(parsed.messageId(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
        Entry entry = new Entry(summary, parsed == null ? null : parsed.dossier());
        synchronized (lock) {
            calls.addLast(entry);
            if (calls.size() > keepCalls) {
                calls.removeFirst().dossier = null;
            }
            if (entry.dossier != null) {
                callsWithDossier.addLast(entry);
                while (callsWithDossier.size() > keepDossiers) {
                    callsWithDossier.removeFirst().dossier = null;
                }
            }
        }
    }

    /** The newest calls (oldest first), at most keepCalls; only the newest keepDossiers still hold dossier bytes. */
    public List<ReceivedCall> received() {
        synchronized (lock) {
            List<ReceivedCall> list = new ArrayList<>(calls.size());
            for (Entry e : calls) {
                list.add(e.toCall());
            }
            return list;
        }
    }

    /** The newest recorded call with this messageId. */
    public Optional<ReceivedCall> lastFor(String messageId) {
        synchronized (lock) {
            var it = calls.descendingIterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (messageId.equals(e.summary.messageId())) {
                    return Optional.of(e.toCall());
                }
            }
            return Optional.empty();
        }
    }

    /** The dossier bytes of the newest call with this messageId that still has them. */
    public Optional<byte[]> dossierFor(String messageId) {
        synchronized (lock) {
            var it = calls.descendingIterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (messageId.equals(e.summary.messageId()) && e.dossier != null) {
                    return Optional.of(e.dossier.clone());
                }
            }
            return Optional.empty();
        }
    }

    /** How often this messageId was delivered, i.e. answered RECEIVED; not bounded by keepCalls. */
    public int countFor(String messageId) {
        AtomicInteger n = deliveredById.get(messageId);
        return n == null ? 0 : n.get();
    }

    /** How many calls carried this messageId, failed ones included. */
    public int callsFor(String messageId) {
        AtomicInteger n = callsById.get(messageId);
        return n == null ? 0 : n.get();
    }

    /** All calls since start or reset, malformed ones included. */
    public long totalCalls() {
        return totalCalls.sum();
    }

    /** All calls answered RECEIVED since start or reset. */
    public long totalDelivered() {
        return totalDelivered.sum();
    }

    /** Forgets received calls and counters; keeps the behaviour. */
    public void clearReceived() {
        synchronized (lock) {
            calls.clear();
            callsWithDossier.clear();
            deliveredById.clear();
            callsById.clear();
            totalCalls.reset();
            totalDelivered.reset();
        }
    }

    public int keepCalls() {
        return keepCalls;
    }

    public int keepDossiers() {
        return keepDossiers;
    }
}
