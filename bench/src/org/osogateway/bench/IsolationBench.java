package org.osogateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.osogateway.mock.MockLas;
import org.osogateway.mock.ReceivedCall;

/**
 * Bench mode {@code --hanging-receiver} (bench/README.md): ten receiving schools, each with its own mock LAS port, get
 * an even share of a fixed-rate load. Phase A: all ten answer. Phase B: the last one accepts connections and never
 * answers. Reports delivered/s and delivery latency (ACCEPTED answer to arrival at the mock) of the nine healthy
 * receivers in both phases, the ratio B/A, and the states of the hanging receiver's dossiers at the end.
 *
 * <p>The mocks run inside this JVM, so arrival times come from the mocks' own records, on the same clock.
 */
public final class IsolationBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private List<URI> gatewayUrls;
    private String adminUrl;
    /** The gateway's admin token, from OSO_BENCH_ADMIN_TOKEN (kept off the command line). */
    private final String adminToken = System.getenv("OSO_BENCH_ADMIN_TOKEN");
    private Path dossierFile;
    private int[] ports;
    private String[] brins;
    private double rate = 30;
    private int senders = 16;
    private int warmupSec = 10;
    private int durationSec = 30;
    private int drainSec = 30;
    private Path jsonOut;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private HttpClient http;
    private byte[][][] envelopes; // per receiver: {prefix, suffix}
    private MockLas[] mocks;
    private int hang;             // index of the receiver that hangs in phase B (the last one)
    private final Map<String, Object> result = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        IsolationBench b = new IsolationBench();
        b.parse(args);
        System.exit(b.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--gateway-url" -> gatewayUrls = Arrays.stream(v.split(",")).map(URI::create).toList();
                case "--admin-url" -> adminUrl = v;
                case "--dossier" -> dossierFile = Path.of(v);
                case "--ports" -> ports = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--brins" -> brins = v.split(",");
                case "--rate" -> rate = Double.parseDouble(v);
                case "--senders" -> senders = Integer.parseInt(v);
                case "--warmup" -> warmupSec = Integer.parseInt(v);
                case "--duration" -> durationSec = Integer.parseInt(v);
                case "--drain-seconds" -> drainSec = Integer.parseInt(v);
                case "--json" -> jsonOut = Path.of(v);
                // a gateway setting the run uses, only shown in the summary and the JSON
                case "--setting" -> settings.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (gatewayUrls == null || adminUrl == null || adminToken == null || dossierFile == null || ports == null
                || brins == null || ports.length != brins.length || ports.length < 2) {
            throw new IllegalArgumentException("need --gateway-url, --admin-url, OSO_BENCH_ADMIN_TOKEN, --dossier, and --ports and"
                    + " --brins of the same length (at least 2)");
        }
        if (rate <= 0 || senders < 1 || durationSec < 1 || warmupSec < 0 || drainSec < 0) {
            throw new IllegalArgumentException("need --rate > 0, --senders >= 1, --duration >= 1, --warmup and --drain-seconds >= 0");
        }
    }

    private int run() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        byte[] dossier = Files.readAllBytes(dossierFile);
        int n = ports.length;
        hang = n - 1;
        envelopes = new byte[n][][];
        mocks = new MockLas[n];
        for (int i = 0; i < n; i++) {
            envelopes[i] = LoadGenerator.envelopeParts(dossier, brins[i]);
            // no dossier bytes kept; the summaries (messageId, receivedAt) of every call are
            mocks[i] = new MockLas(ports[i], null, 2_000_000, 0, 16, Clock.systemUTC()).start();
        }
        result.put("timestamp", Instant.now().toString());
        result.put("receivers", n);
        result.put("hangingReceiver", brins[hang]);
        result.put("ratePerSec", rate);
        result.put("senders", senders);
        result.put("warmupSeconds", warmupSec);
        result.put("durationSeconds", durationSec);
        result.put("drainSeconds", drainSec);
        result.put("gatewaySettings", settings);

        for (int i = 0; i < n; i++) {
            Sent s = send(i);
            if (s == null) {
                return 2;
            }
        }

        Phase a = phase("A (all " + n + " answer)");
        drain(a, true);
        mocks[hang].stop();
        HangingReceiver hanging = HangingReceiver.bind(ports[hang]);
        System.out.printf(Locale.ROOT, "isolation: receiver %s (port %d) now accepts connections and never answers%n",
                brins[hang], ports[hang]);
        Phase b = phase("B (" + brins[hang] + " hangs)");
        drain(b, false);
        Map<String, Integer> hangingStates = states(brins[hang], b.sentToHang);

        result.put("phaseA", a.json());
        result.put("phaseB", b.json());
        double ratio = b.deliveredPerSec() / a.deliveredPerSec();
        result.put("ratioDeliveredPerSecBtoA", round2(ratio));
        result.put("ratioP50BtoA", round2(b.pct(50) / a.pct(50)));
        result.put("ratioP95BtoA", round2(b.pct(95) / a.pct(95)));
        result.put("hangingReceiverStatesAtEnd", hangingStates);
        result.put("hangingReceiverConnections", hanging.connections.get());

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "isolation: %d receivers, %.1f dossiers/s spread evenly (%d senders, open loop),"
                + " warm-up %d s, window %d s per phase%n", n, rate, senders, warmupSec, durationSec));
        s.append("gateway settings      ").append(settings).append('\n');
        s.append(String.format(Locale.ROOT, "%-22s %13s %13s %12s %12s %10s %14s%n", "healthy nine", "offered/s",
                "delivered/s", "latency p50", "latency p95", "late", "accept p95"));
        for (Phase p : List.of(a, b)) {
            s.append(String.format(Locale.ROOT, "%-22s %13.1f %13.1f %9.0f ms %9.0f ms %10d %11.0f ms%n",
                    p.name.substring(0, Math.min(22, p.name.length())), p.healthyOffered / p.windowSeconds,
                    p.deliveredPerSec(), p.pct(50), p.pct(95), p.late, p.acceptPct(95)));
        }
        s.append(String.format(Locale.ROOT, "ratio B/A             delivered/s %.2f   p50 %.1f x   p95 %.1f x%n",
                ratio, b.pct(50) / a.pct(50), b.pct(95) / a.pct(95)));
        s.append(String.format(Locale.ROOT, "hanging %s at end    %s (its %d dossiers accepted in phase B, warm-up included;"
                + " %d connections to it)%n", brins[hang], hangingStates, b.sentToHang.size(), hanging.connections.get()));
        s.append("late = accepted in the window but not at the mock after the drain: its latency counts as the time"
                + " until the drain ended (so p50/p95 are then lower bounds)\n");
        System.out.print(s);
        for (MockLas m : mocks) {
            m.stop();
        }
        if (jsonOut != null) {
            Files.createDirectories(jsonOut.toAbsolutePath().getParent());
            JSON.writeValue(jsonOut.toFile(), result);
            System.out.println("result written to " + jsonOut);
        }
        return 0;
    }

    // ---- load ---------------------------------------------------------------------------------------------------

    /** One ACCEPTED dossier: to which receiver, and when the answer came. */
    private record Sent(String messageId, int receiver, Instant acceptedAt, long acceptNanos) {
    }

    private final AtomicLong errors = new AtomicLong();

    /** Sends one dossier to receiver {@code i}; null (and a message) when it was not ACCEPTED. */
    private Sent send(int i) {
        String id = "iso-" + UUID.randomUUID();
        byte[] body = LoadGenerator.request(envelopes[i][0], envelopes[i][1], id);
        URI url = gatewayUrls.get(i % gatewayUrls.size());
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (resp.statusCode() == 200 && resp.body().contains(">ACCEPTED<")) {
                return new Sent(id, i, Instant.now(), System.nanoTime() - t0);
            }
            if (errors.incrementAndGet() <= 5) {
                System.err.println("isolation: not ACCEPTED (HTTP " + resp.statusCode() + "): "
                        + resp.body().substring(0, Math.min(1500, resp.body().length())));
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            System.err.println("isolation: request failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** What one phase measured. */
    private final class Phase {
        final String name;
        final List<Sent> inWindow = new ArrayList<>();
        /** messageIds of every dossier accepted for the hanging receiver's school in this phase, warm-up included. */
        final java.util.Set<String> sentToHang = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final long[] acceptedFor = new long[ports.length];
        long healthyOffered;
        long deliveredInWindow;
        double windowSeconds;
        long[] latencies = new long[0]; // ms of the healthy dossiers accepted in the window, sorted
        long[] acceptLatencies = new long[0];
        long late;
        long errorsInPhase;

        Phase(String name) {
            this.name = name;
        }

        double deliveredPerSec() {
            return deliveredInWindow / windowSeconds;
        }

        double pct(double p) {
            return LoadGenerator.percentile(latencies, p);
        }

        double acceptPct(double p) {
            return LoadGenerator.percentile(acceptLatencies, p);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("windowSeconds", round2(windowSeconds));
            m.put("healthyOfferedPerSec", round2(healthyOffered / windowSeconds));
            m.put("healthyDeliveredPerSec", round2(deliveredPerSec()));
            m.put("healthyAcceptedInWindow", latencies.length);
            m.put("healthyLateAfterDrain", late);
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("p50", round2(pct(50)));
            delivery.put("p95", round2(pct(95)));
            delivery.put("p99", round2(pct(99)));
            delivery.put("max", round2(pct(100)));
            m.put("deliveryLatencyMs", delivery);
            Map<String, Object> accept = new LinkedHashMap<>();
            accept.put("p50", round2(acceptPct(50)));
            accept.put("p95", round2(acceptPct(95)));
            m.put("acceptLatencyMs", accept);
            m.put("acceptedPerReceiver", acceptedFor);
            m.put("errors", errorsInPhase);
            return m;
        }
    }

    private long healthyDelivered() {
        long sum = 0;
        for (int i = 0; i < mocks.length; i++) {
            if (i != hang) {
                sum += mocks[i].totalDelivered();
            }
        }
        return sum;
    }

    /**
     * Open loop at {@link #rate}: request k of sender t is due at start + (k * senders + t) / rate and goes to receiver
     * (k * senders + t) mod n, so every receiver gets the same share whatever happens to the others.
     */
    private Phase phase(String name) throws Exception {
        Phase p = new Phase(name);
        System.out.printf(Locale.ROOT, "isolation: phase %s, %.1f/s, warm-up %d s, measuring %d s%n", name, rate, warmupSec,
                durationSec);
        long errorsBefore = errors.get();
        long intervalNs = (long) (1e9 / rate);
        long start = System.nanoTime() + 100_000_000L;
        long windowStart = start + warmupSec * 1_000_000_000L;
        long windowEnd = windowStart + durationSec * 1_000_000_000L;
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int sender = t;
            Thread th = new Thread(() -> {
                for (long k = 0; ; k++) {
                    long seq = k * senders + sender;
                    long due = start + seq * intervalNs;
                    if (due >= windowEnd) {
                        break;
                    }
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    Sent s = send((int) (seq % ports.length));
                    if (s != null && s.receiver == hang) {
                        p.sentToHang.add(s.messageId);
                    }
                    if (s != null && due >= windowStart) {
                        sent.add(s);
                    }
                }
            }, "iso-sender-" + t);
            threads.add(th);
            th.start();
        }
        LoadGenerator.sleepUntil(windowStart);
        long d0 = healthyDelivered();
        long w0 = System.nanoTime();
        LoadGenerator.sleepUntil(windowEnd);
        long d1 = healthyDelivered();
        long w1 = System.nanoTime();
        for (Thread th : threads) {
            th.join();
        }
        p.deliveredInWindow = d1 - d0;
        p.windowSeconds = (w1 - w0) / 1e9;
        p.inWindow.addAll(sent);
        for (Sent s : sent) {
            p.acceptedFor[s.receiver]++;
        }
        p.healthyOffered = Math.round(rate * p.windowSeconds * (ports.length - 1) / ports.length);
        p.errorsInPhase = errors.get() - errorsBefore;
        return p;
    }

    /**
     * Waits (at most drainSec) until the mocks have every dossier accepted in the window (the hanging receiver's too
     * when {@code all}), then computes the delivery latencies of the healthy receivers' dossiers.
     */
    private void drain(Phase p, boolean all) throws InterruptedException {
        long deadline = System.nanoTime() + drainSec * 1_000_000_000L;
        List<Sent> wanted = p.inWindow.stream().filter(s -> all || s.receiver != hang).toList();
        while (System.nanoTime() < deadline && wanted.stream().anyMatch(s -> mocks[s.receiver].countFor(s.messageId) == 0)) {
            Thread.sleep(250);
        }
        Instant drainEnd = Instant.now();
        Map<String, Instant> arrival = new HashMap<>();
        for (int i = 0; i < mocks.length; i++) {
            if (i != hang || all) {
                for (ReceivedCall c : mocks[i].received()) {
                    if (c.delivered()) {
                        arrival.putIfAbsent(c.messageId(), c.receivedAt());
                    }
                }
            }
        }
        List<Long> ms = new ArrayList<>();
        List<Long> accept = new ArrayList<>();
        for (Sent s : p.inWindow) {
            if (s.receiver == hang) {
                continue;
            }
            Instant at = arrival.get(s.messageId);
            if (at == null) {
                p.late++;
                at = drainEnd;
            }
            ms.add(Duration.between(s.acceptedAt, at).toMillis());
            accept.add(s.acceptNanos / 1_000_000);
        }
        p.latencies = ms.stream().mapToLong(Long::longValue).map(v -> v * 1_000_000).sorted().toArray();
        p.acceptLatencies = accept.stream().mapToLong(Long::longValue).map(v -> v * 1_000_000).sorted().toArray();
        long stillMissing = wanted.stream().filter(s -> mocks[s.receiver].countFor(s.messageId) == 0).count();
        System.out.printf(Locale.ROOT, "isolation: drain after phase %s: %s (%d of %d not at their mock)%n", p.name,
                stillMissing == 0 ? "drained" : "NOT drained within " + drainSec + " s", stillMissing, wanted.size());
    }

    /** How many of {@code ids} (dossiers for {@code brin}) are in each state, from the admin API (/admin/deliveries). */
    private Map<String, Integer> states(String brin, java.util.Set<String> ids) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(adminUrl + "/admin/deliveries?receiver=" + brin + "&limit=10000"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken).GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException("admin /admin/deliveries answered HTTP " + resp.statusCode() + ": " + resp.body());
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Object o : JSON.readValue(resp.body(), List.class)) {
            Map<?, ?> m = (Map<?, ?>) o;
            if (ids.contains(String.valueOf(m.get("messageId")))) {
                counts.merge(String.valueOf(m.get("state")), 1, Integer::sum);
            }
        }
        return counts;
    }

    // ---- the hanging receiver -----------------------------------------------------------------------------------

    /** A TCP server that accepts every connection and reads what arrives, but never writes a byte back. */
    private static final class HangingReceiver {
        final ServerSocket server;
        final AtomicLong connections = new AtomicLong();

        private HangingReceiver(ServerSocket server) {
            this.server = server;
            Thread acceptor = new Thread(this::acceptLoop, "hanging-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Binds the port the mock just left (retrying briefly while the old listener lets go). */
        static HangingReceiver bind(int port) throws Exception {
            for (int tries = 0; ; tries++) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                try {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
                    return new HangingReceiver(s);
                } catch (IOException e) {
                    s.close();
                    if (tries >= 50) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket c = server.accept();
                    connections.incrementAndGet();
                    Thread reader = new Thread(() -> swallow(c), "hanging-connection");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** Reads until the caller gives up and closes; answers nothing. */
        private void swallow(Socket c) {
            byte[] buf = new byte[65536];
            try (c; InputStream in = c.getInputStream()) {
                while (in.read(buf) >= 0) {
                    // keep reading: a full receive buffer would stall the sender's write instead of its read
                }
            } catch (IOException ignored) {
                // the gateway reset the connection after its timeout
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Double round2(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100.0) / 100.0;
    }
}
