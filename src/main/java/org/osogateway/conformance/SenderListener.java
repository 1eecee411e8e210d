package org.osogateway.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for the gateway's DeliverDossier endpoint that a vendor's LAS sends to: each POST is checked by the
 * sender checks and answered as the gateway would answer it (ACCEPTED, DUPLICATE or its fault), without storing or
 * delivering anything. It listens on the loopback address only, one request at a time, in the order they come.
 */
public final class SenderListener implements AutoCloseable {

    /** The gateway's own path, so the LAS needs no other setting than host and port. */
    public static final String PATH = "/ws/oso/v1";

    private volatile SenderRun run;
    private final long maxRequestBytes;
    private final Clock clock;
    private final Consumer<SenderVerdict> onVerdict;
    private final HttpServer server;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "sender-listener"));
    private final AtomicInteger received = new AtomicInteger();
    private final CountDownLatch counted;
    private final Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
    private final SenderAnswers answers = new SenderAnswers();

    /**
     * Binds the port at once, so {@link #endpoint()} names the port bound also for port 0; nothing is answered
     * before {@link #start}.
     *
     * @param port      0 for any free port
     * @param count     stop counting after this many requests ({@link #awaitCount} returns then); 0 for no limit
     * @param onVerdict told of each verdict, on the listener's thread, before the answer is sent
     */
    public SenderListener(int port, int count, long maxRequestBytes, Clock clock,
                          Consumer<SenderVerdict> onVerdict) throws IOException {
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
        this.onVerdict = onVerdict;
        this.counted = new CountDownLatch(count > 0 ? count : Integer.MAX_VALUE);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::handle);
        server.setExecutor(worker);
    }

    /** Answers requests from now on, each checked into {@code run}. */
    public SenderListener start(SenderRun run) {
        this.run = java.util.Objects.requireNonNull(run, "run");
        server.start();
        return this;
    }

    /** The port bound: the one asked for, or the free one picked for 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + PATH);
    }

    /** Waits until --count requests were checked; false when the time ran out first. */
    public boolean awaitCount(long timeout, TimeUnit unit) throws InterruptedException {
        return counted.await(timeout, unit);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getRawPath())) {
                send(exchange, 404, new byte[0]);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, new byte[0]);
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), maxRequestBytes + 1);
            String name = "request-" + received.incrementAndGet();
            SenderVerdict v = run.check(new SenderRequest(name, body, null),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            onVerdict.accept(v);
            SenderAnswers.Answer a = v.accepted()
                    ? answers.accepted(v, acceptedAt.computeIfAbsent(v.messageId(), id -> clock.instant()))
                    : answers.fault(v.fault(), UUID.randomUUID().toString());
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            send(exchange, a.status(), a.body());
            counted.countDown();
        }
    }

    /** Reads up to {@code limit} bytes: one more than allowed is enough to refuse the request as too large. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        worker.shutdownNow();
    }
}
