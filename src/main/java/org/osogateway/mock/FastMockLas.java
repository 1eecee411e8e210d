package org.osogateway.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.osogateway.mock.ReceiveDossierRequestReader.MalformedRequestException;

/**
 * A receiving LAS for load tests ({@code mock-las --fast}): answers RECEIVED, checks every dossier against the
 * dossierSha256 it came with, and only counts. It keeps no bodies and does not parse the dossier, so its CPU per
 * dossier stays small next to the gateway's. It serves {@value MockLas#PATH} and {@code GET /mock/received} (the
 * counters; no list of calls) on the JDK's HTTP server, over http and, when asked, https.
 */
public final class FastMockLas implements AutoCloseable {

    private static final String SOAP_CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private final HttpServer http;
    private final HttpsServer https;
    private final ExecutorService workers;
    private final LongAdder totalCalls = new LongAdder();
    private final LongAdder totalDelivered = new LongAdder();
    private final LongAdder hashMismatches = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder duplicateDeliveries = new LongAdder();
    // messageIds only (tens of bytes each): enough to count a second delivery of the same dossier
    private final Set<String> deliveredIds = ConcurrentHashMap.newKeySet();

    /**
     * @param port    the http port on 127.0.0.1, 0 for any free port
     * @param tls     also an https port with these certificates, or null
     * @param threads worker threads answering requests
     */
    public FastMockLas(int port, MockLasHttps tls, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread");
        }
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fast-mock-las-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        serveOn(http);
        if (tls == null) {
            https = null;
        } else {
            https = HttpsServer.create(new InetSocketAddress("127.0.0.1", tls.port()), 256);
            https.setHttpsConfigurator(configurator(tls));
            serveOn(https);
        }
    }

    private void serveOn(HttpServer server) {
        server.setExecutor(workers);
        server.createContext(MockLas.PATH, this::receive);
        server.createContext(MockLas.ADMIN_PREFIX + "received", this::counters);
    }

    private static HttpsConfigurator configurator(MockLasHttps tls) {
        SSLContext context = tls.serverContext();
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setNeedClientAuth(tls.needClientAuth());
                params.setSSLParameters(p);
            }
        };
    }

    /** Starts listening; returns this for chaining. */
    public FastMockLas start() {
        http.start();
        if (https != null) {
            https.start();
        }
        return this;
    }

    public void stop() {
        http.stop(0);
        if (https != null) {
            https.stop(0);
        }
        workers.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public int httpsPort() {
        if (https == null) {
            throw new IllegalStateException("this mock LAS was started without https");
        }
        return https.getAddress().getPort();
    }

    /** The ReceiveDossier endpoint URL over http on localhost. */
    public URI endpoint() {
        return URI.create(baseUrl() + MockLas.PATH);
    }

    /** http://localhost:port */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The ReceiveDossier endpoint URL over https on localhost. */
    public URI httpsEndpoint() {
        return URI.create("https://localhost:" + httpsPort() + MockLas.PATH);
    }

    /** ReceiveDossier calls, answered or not. */
    public long totalCalls() {
        return totalCalls.sum();
    }

    /** Calls answered RECEIVED: readable, and the dossier hashed to its dossierSha256. */
    public long totalDelivered() {
        return totalDelivered.sum();
    }

    /** Calls whose dossier did not hash to the dossierSha256 they carried (answered with a soap:Client fault). */
    public long hashMismatches() {
        return hashMismatches.sum();
    }

    /** Calls that were not a readable ReceiveDossierRequest. */
    public long malformed() {
        return malformed.sum();
    }

    /** Deliveries of a messageId that had been delivered before. */
    public long duplicateDeliveries() {
        return duplicateDeliveries.sum();
    }

    /** Different messageIds delivered. */
    public long distinctMessageIds() {
        return deliveredIds.size();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(MockLas.PATH) || !"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBody(exchange);
            totalCalls.increment();
            ReceiveDossierScan.Scanned call;
            try {
                call = ReceiveDossierScan.scan(body);
            } catch (MalformedRequestException e) {
                malformed.increment();
                respond(exchange, 500, SOAP_CONTENT_TYPE,
                        MockLasResponses.fault("Client", "MALFORMED_REQUEST", "mock LAS: " + e.getMessage()));
                return;
            }
            MessageDigest sha = SHA256.get();
            sha.update(body, call.dossierStart(), call.dossierLength());
            if (!HexFormat.of().formatHex(sha.digest()).equals(call.dossierSha256())) {
                hashMismatches.increment();
                respond(exchange, 500, SOAP_CONTENT_TYPE, MockLasResponses.fault("Client", "DOSSIER_HASH_MISMATCH",
                        "mock LAS: the dossier does not hash to dossierSha256"));
                return;
            }
            totalDelivered.increment();
            if (!deliveredIds.add(call.messageId())) {
                duplicateDeliveries.increment();
            }
            respond(exchange, 200, SOAP_CONTENT_TYPE, MockLasResponses.received(call.messageId()));
        }
    }

    private void counters(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            // the same counter names as MockLas's /mock/received, plus the checks only this mock makes
            String json = "{\"receiver\": \"fast\", \"totalCalls\": " + totalCalls() + ", \"totalDelivered\": " + totalDelivered()
                    + ", \"hashMismatches\": " + hashMismatches() + ", \"malformed\": " + malformed()
                    + ", \"duplicateDeliveries\": " + duplicateDeliveries() + ", \"distinctMessageIds\": " + distinctMessageIds()
                    + ", \"keepCalls\": 0, \"calls\": []}\n";
            respond(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The request body, read into one array of the declared length when there is one (no growing copies). */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("[0-9]{1,9}")) {
            byte[] body = new byte[Integer.parseInt(length)];
            int read = exchange.getRequestBody().readNBytes(body, 0, body.length);
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        return exchange.getRequestBody().readAllBytes();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
