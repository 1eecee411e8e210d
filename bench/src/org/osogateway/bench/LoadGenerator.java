package org.osogateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.osogateway.validation.DossierCanonicalizer;
import org.osogateway.validation.Melding;
import org.osogateway.validation.SchemaCatalog;

/**
 * Load generator of the gateway bench (see bench/README.md). Started by bench/run, which starts the gateway and the
 * mock LAS; this class only talks to them over HTTP (and reads /proc for CPU use).
 *
 * <p>Phases: validation alone (baseline, gateway idle) - full load (closed loop: warmup, measured window) - drain -
 * optionally half load (open loop, fixed rate) - drain. Prints a summary and writes it as JSON (and, with
 * {@code --row}, as a flat properties file that {@code --compare-rows} turns into a comparison table).
 *
 * <p>{@code --rules on|off} must match how bench/run started the gateway
 * ({@code gateway.schemas.business-rules-enabled}): the baseline then does the same work per dossier as the gateway's
 * validation step (XSD alone, or XSD + the official business rules), on the dossier's canonical form.
 */
public final class LoadGenerator {

    private static final String DOSSIER_NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    private static final String OVERDRACHTSOORT = "overstapdossier";
    private static final String LABEL_XSD = "validation alone (XSD)";
    private static final String LABEL_RULES = "validation alone (XSD + business rules)";
    /** Targets of the issue (see bench/README.md). */
    private static final double TARGET_DELIVERED_RULES_OFF = 400;
    private static final double TARGET_HALF_P99_MS = 50;
    private static final Pattern TOTAL_DELIVERED = Pattern.compile("\"totalDelivered\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL_CALLS = Pattern.compile("\"totalCalls\"\\s*:\\s*(\\d+)");
    /** Counted only by the fast receiver (mock-las --fast); the WireMock mock does not check hashes. */
    private static final Pattern HASH_MISMATCHES = Pattern.compile("\"hashMismatches\"\\s*:\\s*(\\d+)");
    private static final Pattern DUPLICATE_DELIVERIES = Pattern.compile("\"duplicateDeliveries\"\\s*:\\s*(\\d+)");
    /** Exit status when the receiver got a dossier that does not match its hash: the gateway corrupted it. */
    static final int EXIT_HASH_MISMATCH = 4;
    /** Targets on CPU: the gateway's CPU per delivered dossier over validation alone's (see bench/README.md). */
    private static final double TARGET_CPU_RATIO_RULES_OFF = 4;
    private static final double TARGET_CPU_RATIO_RULES_ON = 2;
    private static final int MAX_ERROR_BODIES = 5;

    // ---- options -----------------------------------------------------------------------------------------------
    /** One or more gateway instances (comma-separated --gateway-url); sender t sends to instance t mod n. */
    private List<URI> gatewayUrls = List.of();
    private String mockUrl;
    private Path dossierFile;
    private Path schemasDir;
    private int durationSec = 30;
    private int warmupSec = 10;
    private int senders = 16;
    private int workers = 16;
    private boolean halfLoad;
    private boolean rules = true;
    private Path rowOut;
    private int validationSec = 10;
    /** Saxon needs longer than 2 s to reach speed (the rules-on baseline came out at a third of its warm rate). */
    private int validationWarmupSec = 5;
    private int validationThreads = 2;
    private int drainSec = 60;
    private Path jsonOut;
    /** The gateways' process ids (comma-separated --gateway-pid, in the order of the URLs); the first is profiled. */
    private long[] gatewayPids = {};
    private long gatewayPid = -1;
    /** Label of the store the gateways run on (bench/run --store): h2 or postgres. */
    private String store = "h2";
    /** Label of the receiving mock (bench/run --receiver): fast (mock-las --fast) or wiremock. */
    private String receiver = "wiremock";
    private long mockPid = -1;
    private Path profileDir;
    private int clkTck = 100;
    /** Mutual TLS to the gateway: the supplier's client keystore and the truststore with the gateway's CA. */
    private Path tlsKeyStore;
    private Path tlsTrustStore;
    private String tlsPassword = "changeit";

    // ---- state -------------------------------------------------------------------------------------------------
    private HttpClient http;
    private byte[] prefix;   // envelope up to the messageId text
    private byte[] suffix;   // after the messageId text, including the dossier
    private int dossierBytes;
    /** CPU time of the baseline threads per dossier they validated (thread CPU time, so not what else runs). */
    private double validationCpuMsPerDossier = Double.NaN;
    private final AtomicLong acceptedTotal = new AtomicLong();
    private final AtomicLong errorsTotal = new AtomicLong();
    private final AtomicInteger errorBodiesPrinted = new AtomicInteger();
    private final Map<String, Object> result = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--compare-rows")) {
            System.exit(compareRows(args));
        }
        LoadGenerator g = new LoadGenerator();
        g.parse(args);
        System.exit(g.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--gateway-url" -> {
                    gatewayUrls = Arrays.stream(v.split(",")).map(URI::create).toList();
                    i++;
                }
                case "--mock-url" -> { mockUrl = v; i++; }
                case "--dossier" -> { dossierFile = Path.of(v); i++; }
                case "--schemas" -> { schemasDir = Path.of(v); i++; }
                case "--duration" -> { durationSec = Integer.parseInt(v); i++; }
                case "--warmup" -> { warmupSec = Integer.parseInt(v); i++; }
                case "--senders" -> { senders = Integer.parseInt(v); i++; }
                case "--workers" -> { workers = Integer.parseInt(v); i++; }
                case "--validation-seconds" -> { validationSec = Integer.parseInt(v); i++; }
                case "--validation-warmup-seconds" -> { validationWarmupSec = Integer.parseInt(v); i++; }
                case "--validation-threads" -> { validationThreads = Integer.parseInt(v); i++; }
                case "--drain-seconds" -> { drainSec = Integer.parseInt(v); i++; }
                case "--json" -> { jsonOut = Path.of(v); i++; }
                case "--gateway-pid" -> {
                    gatewayPids = Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
                    gatewayPid = gatewayPids[0];
                    i++;
                }
                case "--store" -> { store = v; i++; }
                case "--receiver" -> { receiver = v; i++; }
                case "--mock-pid" -> { mockPid = Long.parseLong(v); i++; }
                case "--profile-dir" -> { profileDir = Path.of(v); i++; }
                case "--clk-tck" -> { clkTck = Integer.parseInt(v); i++; }
                case "--half-load" -> halfLoad = true;
                case "--rules" -> {
                    if (!"on".equals(v) && !"off".equals(v)) {
                        throw new IllegalArgumentException("--rules needs on or off, not " + v);
                    }
                    rules = "on".equals(v);
                    i++;
                }
                case "--row" -> { rowOut = Path.of(v); i++; }
                case "--tls-keystore" -> { tlsKeyStore = Path.of(v); i++; }
                case "--tls-truststore" -> { tlsTrustStore = Path.of(v); i++; }
                case "--tls-password" -> { tlsPassword = v; i++; }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (gatewayUrls.isEmpty() || mockUrl == null || dossierFile == null || schemasDir == null) {
            throw new IllegalArgumentException("need --gateway-url, --mock-url, --dossier and --schemas");
        }
        if (senders < 1 || durationSec < 1 || warmupSec < 0) {
            throw new IllegalArgumentException("need --senders >= 1, --duration >= 1, --warmup >= 0");
        }
    }

    private int run() throws Exception {
        byte[] dossier = Files.readAllBytes(dossierFile);
        dossierBytes = dossier.length;
        buildTemplate(dossier);
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (tlsKeyStore != null) {
            builder.sslContext(tlsContext());
        }
        http = builder.build();
        int cores = Runtime.getRuntime().availableProcessors();
        result.put("timestamp", Instant.now().toString());
        result.put("businessRules", rules ? "on" : "off");
        result.put("mutualTls", tlsKeyStore != null ? "on" : "off");
        result.put("store", store);
        result.put("receiver", receiver);
        result.put("gatewayInstances", gatewayUrls.size());
        result.put("baseline", baselineLabel());
        result.put("cores", cores);
        result.put("durationSeconds", durationSec);
        result.put("warmupSeconds", warmupSec);
        result.put("senders", senders);
        result.put("deliveryWorkers", workers);
        result.put("dossierBytes", dossierBytes);
        result.put("dossierFile", dossierFile.getFileName().toString());

        startWatchdog();

        // 1. Baseline: the gateway's own validation step alone (XSD, + business rules when on), gateway idle.
        double validationPerSec = validationAlone(dossier);
        result.put("validationAlonePerSec", round1(validationPerSec));
        result.put("validationThreads", validationThreads);
        result.put("validationWarmupSeconds", validationWarmupSec);
        result.put("validationCpuMsPerDossier", round3(validationCpuMsPerDossier));

        // Sanity check: one request to each instance must be ACCEPTED, else the bench would measure faults.
        for (URI url : gatewayUrls) {
            Outcome first = send(url, newRequest());
            if (first.accepted) {
                acceptedTotal.incrementAndGet();
            } else {
                System.err.println("bench: the first DeliverDossier to " + url + " was not ACCEPTED (HTTP " + first.status
                        + "):\n" + abbreviate(first.body, 3000));
                return 2;
            }
        }

        // 2. Full load, closed loop.
        Phase full = closedLoop();
        double acceptedPerSec = full.accepted / full.windowSeconds;
        double deliveredPerSec = full.delivered / full.windowSeconds;
        // CPU of the gateway process per dossier delivered in the window: the figure that is not thrown off by
        // what else the shared machine runs (benchmarking.md)
        double gatewayCpuMs = cpuMsPerDelivered(full, "gatewayPct");
        result.put("gatewayCpuMsPerDelivered", round2(gatewayCpuMs));
        double mockCpuMs = cpuMsPerDelivered(full, "mockPct");
        result.put("mockCpuMsPerDelivered", round2(mockCpuMs));
        double cpuRatio = gatewayCpuMs / validationCpuMsPerDossier;
        result.put("ratioGatewayCpuToValidationCpu", round2(cpuRatio));
        result.put("acceptedPerSec", round1(acceptedPerSec));
        result.put("deliveredPerSec", round1(deliveredPerSec));
        result.put("acceptLatencyMs", full.latencyJson());
        result.put("errorsInWindow", full.errors);
        result.put("windowSeconds", round1(full.windowSeconds));
        result.put("cpuInWindow", full.cpu);
        if (full.profile != null) {
            result.put("profile", full.profile.report(gatewayCpuMs, full.delivered, full.windowSeconds));
        }
        Map<String, Object> drain1 = drain("full load");
        result.put("drainAfterFullLoad", drain1);

        // 3. Half load, open loop at half the accepted rate.
        Phase half = null;
        double halfRate = acceptedPerSec / 2;
        if (halfLoad) {
            if (halfRate <= 0) {
                System.err.println("bench: no accepted requests at full load, skipping half load");
            } else {
                half = openLoop(halfRate);
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("targetPerSec", round1(halfRate));
                h.put("acceptedPerSec", round1(half.accepted / half.windowSeconds));
                h.put("deliveredPerSec", round1(half.delivered / half.windowSeconds));
                h.put("acceptLatencyMs", half.latencyJson());
                h.put("serviceTimeMs", half.serviceJson());
                h.put("errorsInWindow", half.errors);
                h.put("cpuInWindow", half.cpu);
                result.put("halfLoad", h);
                result.put("drainAfterHalfLoad", drain("half load"));
            }
        }

        long deliveredTotal = mockCounter(TOTAL_DELIVERED);
        long callsTotal = mockCounter(TOTAL_CALLS);
        long lost = acceptedTotal.get() - deliveredTotal;
        long hashMismatches = optionalMockCounter(HASH_MISMATCHES);
        long duplicates = optionalMockCounter(DUPLICATE_DELIVERIES);
        if (hashMismatches >= 0) {
            result.put("hashMismatches", hashMismatches);
        }
        if (duplicates >= 0) {
            result.put("duplicateDeliveries", duplicates);
        }
        double ratio = validationPerSec > 0 ? deliveredPerSec / validationPerSec : 0;
        result.put("ratioDeliveredToValidationAlone", round2(ratio));
        result.put("acceptedTotal", acceptedTotal.get());
        result.put("deliveredTotal", deliveredTotal);
        result.put("mockCallsTotal", callsTotal);
        result.put("errorsTotal", errorsTotal.get());
        result.put("lostAfterDrain", lost);

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "bench: %d cores, duration %d s, %d senders, %d delivery workers, dossier %d bytes%n",
                cores, durationSec, senders, workers, dossierBytes));
        s.append(String.format(Locale.ROOT, "business rules        %s  (gateway.schemas.business-rules-enabled=%s)%n",
                rules ? "on" : "off", rules));
        s.append(String.format(Locale.ROOT, "mutual TLS            %s%n", tlsKeyStore != null ? "on" : "off"));
        s.append(String.format(Locale.ROOT, "store                 %s, %d gateway instance%s%n", store, gatewayUrls.size(),
                gatewayUrls.size() == 1 ? "" : "s (senders spread over them)"));
        s.append(String.format(Locale.ROOT, "accepted/s            %.1f%n", acceptedPerSec));
        s.append(String.format(Locale.ROOT, "delivered/s           %.1f%n", deliveredPerSec));
        s.append(String.format(Locale.ROOT, "receiver              %s%n", receiver));
        s.append(String.format(Locale.ROOT, "gateway CPU           %.2f ms per delivered dossier%n", gatewayCpuMs));
        s.append(String.format(Locale.ROOT, "mock CPU              %.2f ms per delivered dossier  (receiver %s)%n", mockCpuMs, receiver));
        s.append(String.format(Locale.ROOT, "accept latency p50    %.1f ms   p99 %.1f ms   max %.1f ms%n",
                full.pct(50), full.pct(99), full.max()));
        if (half != null) {
            s.append(String.format(Locale.ROOT, "half load (%.0f/s)     p50 %.1f ms  p99 %.1f ms   (service time p99 %.1f ms, achieved %.1f/s)%n",
                    halfRate, half.pct(50), half.pct(99), half.servicePct(99), half.accepted / half.windowSeconds));
        }
        s.append(String.format(Locale.ROOT, "%s/s   %.1f  (%d threads, canonical dossier)%n",
                baselineLabel(), validationPerSec, validationThreads));
        s.append(String.format(Locale.ROOT, "ratio delivered/baseline   %.2f%n", ratio));
        s.append(String.format(Locale.ROOT, "validation CPU        %.3f ms per dossier  (%s, thread CPU time of the baseline)%n",
                validationCpuMsPerDossier, baselineLabel()));
        s.append(String.format(Locale.ROOT, "ratio gateway CPU / validation CPU   %.2f%n", cpuRatio));
        s.append(String.format(Locale.ROOT, "errors                %d  (full-load window %d)%n", errorsTotal.get(), full.errors));
        s.append(String.format(Locale.ROOT, "lost after drain      %d  (accepted %d, delivered %d, mock calls %d)%n",
                lost, acceptedTotal.get(), deliveredTotal, callsTotal));
        if (hashMismatches >= 0) {
            s.append(String.format(Locale.ROOT, "receiver checks       %d hash mismatches, %d duplicate deliveries (same messageId again)%n",
                    hashMismatches, duplicates));
        }
        if (full.cpu != null && !full.cpu.isEmpty()) {
            s.append("cpu in full-load window (% of one core): ").append(full.cpu).append('\n');
        }
        double halfP99 = half == null ? Double.NaN : half.pct(99);
        String target = targetVerdict(rules, deliveredPerSec, halfP99, cpuRatio, lost);
        result.put("target", target);
        s.append("target                ").append(target).append('\n');
        System.out.print(s);
        if (rowOut != null) {
            Properties row = new Properties();
            row.setProperty("rules", rules ? "on" : "off");
            row.setProperty("tls", tlsKeyStore != null ? "on" : "off");
            row.setProperty("store", store);
            row.setProperty("instances", Integer.toString(gatewayUrls.size()));
            row.setProperty("receiver", receiver);
            row.setProperty("gatewayCpuMs", fmt2(gatewayCpuMs));
            row.setProperty("mockCpuMs", fmt2(mockCpuMs));
            row.setProperty("validationCpuMs", Double.isNaN(validationCpuMsPerDossier) ? "-"
                    : String.format(Locale.ROOT, "%.3f", validationCpuMsPerDossier));
            row.setProperty("cpuRatio", fmt2(cpuRatio));
            row.setProperty("hashMismatches", hashMismatches < 0 ? "-" : Long.toString(hashMismatches));
            row.setProperty("duplicates", duplicates < 0 ? "-" : Long.toString(duplicates));
            row.setProperty("acceptedPerSec", fmt1(acceptedPerSec));
            row.setProperty("deliveredPerSec", fmt1(deliveredPerSec));
            row.setProperty("acceptP99Ms", fmt1(full.pct(99)));
            row.setProperty("halfLoadPerSec", half == null ? "-" : fmt1(halfRate));
            row.setProperty("halfLoadP50Ms", half == null ? "-" : fmt1(half.pct(50)));
            row.setProperty("halfLoadP99Ms", half == null ? "-" : fmt1(halfP99));
            row.setProperty("baselinePerSec", fmt1(validationPerSec));
            row.setProperty("ratio", String.format(Locale.ROOT, "%.2f", ratio));
            row.setProperty("lost", Long.toString(lost));
            row.setProperty("errors", Long.toString(errorsTotal.get()));
            Object busy = full.cpu == null ? null : full.cpu.get("machineBusyPct");
            row.setProperty("machineBusyPct", busy == null ? "-" : busy.toString());
            row.setProperty("target", target);
            Files.createDirectories(rowOut.toAbsolutePath().getParent());
            try (var out = Files.newBufferedWriter(rowOut, StandardCharsets.UTF_8)) {
                row.store(out, null);
            }
        }
        if (jsonOut != null) {
            Files.createDirectories(jsonOut.toAbsolutePath().getParent());
            Files.writeString(jsonOut, toJson(result, 0) + "\n");
            System.out.println("result written to " + jsonOut);
        }
        if (hashMismatches > 0) {
            System.err.printf(Locale.ROOT, "bench: FAILED: the receiver got %d dossiers that do not hash to their dossierSha256%n",
                    hashMismatches);
            return EXIT_HASH_MISMATCH;
        }
        return 0;
    }

    /** CPU ms of one process (a key of the window's CPU map) per dossier delivered in the window. */
    private static double cpuMsPerDelivered(Phase phase, String key) {
        Object pct = phase.cpu == null ? null : phase.cpu.get(key);
        return pct instanceof Number n && phase.delivered > 0
                ? n.doubleValue() / 100.0 * phase.windowSeconds * 1000.0 / phase.delivered : Double.NaN;
    }

    /** Ends the bench at once when the gateway or the mock ends (e.g. killed from outside): its figures would be void. */
    private void startWatchdog() {
        Thread w = new Thread(() -> {
            while (true) {
                for (long pid : LongStream.concat(Arrays.stream(gatewayPids), LongStream.of(mockPid)).toArray()) {
                    if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                        System.err.printf(Locale.ROOT, "bench: the %s (pid %d) ended during the run (signal from outside? see its log);"
                                + " aborting, figures so far: accepted %d, errors %d%n",
                                pid == mockPid ? "mock LAS" : "gateway", pid, acceptedTotal.get(), errorsTotal.get());
                        Runtime.getRuntime().halt(3);
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "watchdog");
        w.setDaemon(true);
        w.start();
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    private void buildTemplate(byte[] dossier) {
        byte[][] parts = envelopeParts(dossier, "01AB");
        prefix = parts[0];
        suffix = parts[1];
    }

    /**
     * A DeliverDossier envelope from sender 00YY/00 to {@code receiverBrin} around the dossier, split at the messageId
     * text: {prefix, suffix}, so each request only copies bytes.
     */
    static byte[][] envelopeParts(byte[] dossier, String receiverBrin) {
        String text = new String(dossier, StandardCharsets.UTF_8);
        // The dossier goes inside the envelope: drop its XML declaration (and anything before the root element).
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("<?xml")) {
            text = text.substring(text.indexOf("?>") + 2);
        }
        text = text.strip();
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:DeliverDossierRequest><g:messageId>";
        String tail = "</g:messageId>"
                + "<g:sender><g:brin>00YY</g:brin><g:vestiging>00</g:vestiging></g:sender>"
                + "<g:receiver><g:brin>" + receiverBrin + "</g:brin></g:receiver>"
                + "<g:overdrachtsoort>overstapdossier</g:overdrachtsoort>"
                + "<g:dossier>" + text + "</g:dossier>"
                + "</g:DeliverDossierRequest></soap:Body></soap:Envelope>";
        return new byte[][] {head.getBytes(StandardCharsets.UTF_8), tail.getBytes(StandardCharsets.UTF_8)};
    }

    /** The request bytes for a fresh messageId (the dossier bytes are copied, not re-encoded). */
    private byte[] newRequest() {
        return request(prefix, suffix, "bench-" + UUID.randomUUID());
    }

    /** The envelope parts joined around {@code messageId}. */
    static byte[] request(byte[] prefix, byte[] suffix, String messageId) {
        byte[] id = messageId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + id.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(id, 0, body, prefix.length, id.length);
        System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
        return body;
    }

    private record Outcome(boolean accepted, int status, String body) {
    }

    private Outcome send(URI gatewayUrl, byte[] body) {
        HttpRequest req = HttpRequest.newBuilder(gatewayUrl)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean ok = resp.statusCode() == 200 && resp.body().contains(">ACCEPTED<");
            return new Outcome(ok, resp.statusCode(), resp.body());
        } catch (IOException e) {
            return new Outcome(false, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, -1, e.toString());
        }
    }

    private void countOutcome(Outcome o) {
        if (o.accepted) {
            acceptedTotal.incrementAndGet();
        } else {
            errorsTotal.incrementAndGet();
            if (errorBodiesPrinted.getAndIncrement() < MAX_ERROR_BODIES) {
                System.err.println("bench: error (HTTP " + o.status + "): " + abbreviate(o.body, 2000));
            }
        }
    }

    // ---- phases ------------------------------------------------------------------------------------------------

    /** Latencies of one thread in a growable preallocated array (nanoseconds). */
    private static final class Recorder {
        long[] values;
        int n;
        long[] service;
        int ns;
        long accepted;
        long errors;

        Recorder(int capacity) {
            values = new long[capacity];
            service = new long[capacity];
        }

        void add(long latency, long serviceTime) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                service = Arrays.copyOf(service, n * 2);
            }
            values[n++] = latency;
            service[ns++] = serviceTime;
        }
    }

    private final class Phase {
        long accepted;
        long errors;
        long delivered;
        double windowSeconds;
        long[] latencies = new long[0];
        long[] serviceTimes = new long[0];
        Map<String, Object> cpu;
        /** With --profile (full load only): the JFR recording and thread CPU of the window. */
        GatewayProfile profile;

        void merge(List<Recorder> recorders) {
            int total = recorders.stream().mapToInt(r -> r.n).sum();
            latencies = new long[total];
            serviceTimes = new long[total];
            int at = 0;
            for (Recorder r : recorders) {
                System.arraycopy(r.values, 0, latencies, at, r.n);
                System.arraycopy(r.service, 0, serviceTimes, at, r.ns);
                at += r.n;
                accepted += r.accepted;
                errors += r.errors;
            }
            Arrays.sort(latencies);
            Arrays.sort(serviceTimes);
        }

        double pct(double p) {
            return percentile(latencies, p);
        }

        double servicePct(double p) {
            return percentile(serviceTimes, p);
        }

        double max() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }

        Map<String, Object> latencyJson() {
            return pctJson(latencies);
        }

        Map<String, Object> serviceJson() {
            return pctJson(serviceTimes);
        }
    }

    private static Map<String, Object> pctJson(long[] sorted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", sorted.length);
        m.put("p50", round1(percentile(sorted, 50)));
        m.put("p90", round1(percentile(sorted, 90)));
        m.put("p99", round1(percentile(sorted, 99)));
        m.put("p999", round1(percentile(sorted, 99.9)));
        m.put("max", sorted.length == 0 ? null : round1(sorted[sorted.length - 1] / 1e6));
        return m;
    }

    /** Nearest-rank percentile of sorted nanosecond values, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] / 1e6;
    }

    /** N senders, each sending the next request as soon as the previous answered. */
    private Phase closedLoop() throws Exception {
        System.out.printf(Locale.ROOT, "bench: full load, %d senders, warmup %d s, measuring %d s%n", senders, warmupSec, durationSec);
        long start = System.nanoTime();
        long windowStart = start + warmupSec * 1_000_000_000L;
        long windowEnd = windowStart + durationSec * 1_000_000_000L;
        int capacity = Math.max(4096, durationSec * 200);
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Recorder r = new Recorder(capacity);
            recorders.add(r);
            URI url = gatewayUrls.get(t % gatewayUrls.size());
            Thread th = new Thread(() -> {
                while (System.nanoTime() < windowEnd) {
                    byte[] body = newRequest();
                    long t0 = System.nanoTime();
                    Outcome o = send(url, body);
                    long t1 = System.nanoTime();
                    countOutcome(o);
                    if (t1 >= windowStart && t1 < windowEnd) {
                        if (o.accepted) {
                            r.accepted++;
                            r.add(t1 - t0, t1 - t0);
                        } else {
                            r.errors++;
                        }
                    }
                }
            }, "sender-" + t);
            threads.add(th);
            th.start();
        }
        Phase phase = measureWindow(windowStart, windowEnd, true);
        for (Thread th : threads) {
            th.join();
        }
        phase.merge(recorders);
        return phase;
    }

    /**
     * N senders at a fixed rate each (open loop): request k of a sender is due at start + offset + k * interval; its
     * latency counts from when it was due, so a sender that falls behind does not hide the delay.
     */
    private Phase openLoop(double totalRate) throws Exception {
        int warm = Math.min(warmupSec, 5);
        System.out.printf(Locale.ROOT, "bench: half load, %.1f requests/s from %d senders, warmup %d s, measuring %d s%n",
                totalRate, senders, warm, durationSec);
        long intervalNs = (long) (senders * 1e9 / totalRate);
        long start = System.nanoTime() + 100_000_000L;
        long windowStart = start + warm * 1_000_000_000L;
        long windowEnd = windowStart + durationSec * 1_000_000_000L;
        int capacity = Math.max(4096, (int) (durationSec * totalRate / senders * 2) + 16);
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Recorder r = new Recorder(capacity);
            recorders.add(r);
            long offset = intervalNs * t / senders;
            URI url = gatewayUrls.get(t % gatewayUrls.size());
            Thread th = new Thread(() -> {
                for (long k = 0; ; k++) {
                    long due = start + offset + k * intervalNs;
                    if (due >= windowEnd) {
                        break;
                    }
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    byte[] body = newRequest();
                    long t0 = System.nanoTime();
                    Outcome o = send(url, body);
                    long t1 = System.nanoTime();
                    countOutcome(o);
                    if (due >= windowStart) {
                        if (o.accepted) {
                            r.accepted++;
                            r.add(t1 - due, t1 - t0);
                        } else {
                            r.errors++;
                        }
                    }
                }
            }, "paced-sender-" + t);
            threads.add(th);
            th.start();
        }
        Phase phase = measureWindow(windowStart, windowEnd, false);
        for (Thread th : threads) {
            th.join();
        }
        phase.merge(recorders);
        return phase;
    }

    /** The JFR recording starts this long before the window: jcmd takes about a second to start it. */
    private static final long PROFILE_LEAD_NANOS = 5_000_000_000L;

    /** Samples the mock's delivered counter and the processes' CPU at both ends of the window. */
    private Phase measureWindow(long windowStart, long windowEnd, boolean profile) throws Exception {
        GatewayProfile profiler = profile && profileDir != null && gatewayPid > 0
                ? new GatewayProfile(gatewayPid, profileDir, clkTck) : null;
        if (profiler != null) {
            sleepUntil(windowStart - PROFILE_LEAD_NANOS);
            profiler.startRecording();
        }
        sleepUntil(windowStart);
        long d0 = mockCounter(TOTAL_DELIVERED);
        CpuSample c0 = CpuSample.take(gatewayPids, mockPid);
        long w0 = System.nanoTime();
        if (profiler != null) {
            profiler.windowStarts();
        }
        sleepUntil(windowEnd);
        long d1 = mockCounter(TOTAL_DELIVERED);
        CpuSample c1 = CpuSample.take(gatewayPids, mockPid);
        long w1 = System.nanoTime();
        if (profiler != null) {
            profiler.windowEnds();
        }
        Phase p = new Phase();
        p.delivered = d1 - d0;
        p.windowSeconds = (w1 - w0) / 1e9;
        p.cpu = CpuSample.usage(c0, c1, (w1 - w0) / 1e9, clkTck);
        p.profile = profiler;
        return p;
    }

    /** Waits until the mock has delivered everything accepted so far (at most drainSec). */
    private Map<String, Object> drain(String after) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + drainSec * 1_000_000_000L;
        long delivered;
        while (true) {
            delivered = mockCounter(TOTAL_DELIVERED);
            if (delivered >= acceptedTotal.get() || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(250);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", round1(secs));
        m.put("accepted", acceptedTotal.get());
        m.put("delivered", delivered);
        m.put("drained", delivered >= acceptedTotal.get());
        System.out.printf(Locale.ROOT, "bench: drain after %s: %s after %.1f s (accepted %d, delivered %d)%n",
                after, delivered >= acceptedTotal.get() ? "drained" : "NOT drained", secs, acceptedTotal.get(), delivered);
        return m;
    }

    private String baselineLabel() {
        return rules ? LABEL_RULES : LABEL_XSD;
    }

    /**
     * The baseline: what the gateway's validation step costs on its own. Like the gateway, it works on the dossier's
     * canonical form (computed once here): XSD validation, and with rules on also the official business rules for
     * {@value #OVERDRACHTSOORT}, per iteration, on {@code validationThreads} threads.
     */
    private double validationAlone(byte[] dossier) throws Exception {
        System.out.printf(Locale.ROOT, "bench: %s, %d threads, %d s (+%d s warmup)%n", baselineLabel(), validationThreads,
                validationSec, validationWarmupSec);
        SchemaCatalog catalog = SchemaCatalog.load(List.of(schemasDir), false);
        byte[] canonical = new DossierCanonicalizer().canonicalize(dossier).bytes();
        final boolean withRules = rules;
        // fail loudly if the dossier does not validate or breaks a rule (checkRules throws on Fout meldingen)
        catalog.validate(DOSSIER_NS, canonical);
        if (withRules) {
            if (catalog.find(DOSSIER_NS).map(e -> e.rules().get(OVERDRACHTSOORT)).isEmpty()) {
                throw new IllegalStateException("no business rules registered for " + DOSSIER_NS + " / " + OVERDRACHTSOORT
                        + " in " + schemasDir + ": the rules-on baseline would be XSD alone");
            }
            List<Melding> meldingen = catalog.checkRules(DOSSIER_NS, OVERDRACHTSOORT, canonical);
            result.put("baselineMeldingen", meldingen.size());
        }
        result.put("canonicalDossierBytes", canonical.length);
        long start = System.nanoTime();
        long windowStart = start + validationWarmupSec * 1_000_000_000L;
        long windowEnd = windowStart + validationSec * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        AtomicLong cpuCount = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean threadCpu = ManagementFactory.getThreadMXBean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < validationThreads; t++) {
            Thread th = new Thread(() -> {
                long n = 0;
                // CPU time of this thread from the end of its first iteration in the window to the end of its last
                long cpuAtFirst = -1;
                long cpuAtLast = -1;
                long afterFirst = 0;
                while (true) {
                    catalog.validate(DOSSIER_NS, canonical);
                    if (withRules) {
                        catalog.checkRules(DOSSIER_NS, OVERDRACHTSOORT, canonical);
                    }
                    long now = System.nanoTime();
                    if (now >= windowEnd) {
                        break;
                    }
                    if (now >= windowStart) {
                        n++;
                        if (cpuAtFirst < 0) {
                            cpuAtFirst = threadCpu.getCurrentThreadCpuTime();
                        } else {
                            afterFirst++;
                            cpuAtLast = threadCpu.getCurrentThreadCpuTime();
                        }
                    }
                }
                count.addAndGet(n);
                if (cpuAtLast > cpuAtFirst && cpuAtFirst >= 0) {
                    cpuCount.addAndGet(afterFirst);
                    cpuNanos.addAndGet(cpuAtLast - cpuAtFirst);
                }
            }, "validate-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        validationCpuMsPerDossier = cpuCount.get() == 0 || !threadCpu.isCurrentThreadCpuTimeSupported()
                ? Double.NaN : cpuNanos.get() / 1e6 / cpuCount.get();
        return count.get() / (validationSec * 1.0);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** A counter that only some receivers report, or -1 when this one does not. */
    private long optionalMockCounter(Pattern p) throws IOException, InterruptedException {
        Matcher m = p.matcher(mockReceived());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private long mockCounter(Pattern p) throws IOException, InterruptedException {
        String body = mockReceived();
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IOException("mock /mock/received has no " + p + ": " + abbreviate(body, 500));
        }
        return Long.parseLong(m.group(1));
    }

    /** The mock's /mock/received JSON. */
    private String mockReceived() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(mockUrl + "/mock/received")).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException("mock /mock/received answered HTTP " + resp.statusCode() + ": " + abbreviate(resp.body(), 500));
        }
        return resp.body();
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long now;
        while ((now = System.nanoTime()) < nanoTime) {
            Thread.sleep(Math.max(1, (nanoTime - now) / 1_000_000));
        }
    }

    /** CPU ticks of the gateway, the mock, this JVM and the whole machine, from /proc. */
    private record CpuSample(long gateway, long mock, long self, long machineBusy, long machineTotal, long iowait, long steal) {
        static CpuSample take(long[] gatewayPids, long mockPid) {
            long[] machine = machine();
            long gateways = 0;
            for (long pid : gatewayPids) {
                long t = ticks(pid);
                gateways = t < 0 || gateways < 0 ? -1 : gateways + t;
            }
            return new CpuSample(gatewayPids.length == 0 ? -1 : gateways, ticks(mockPid), ticks(ProcessHandle.current().pid()),
                    machine[0], machine[1], machine[2], machine[3]);
        }

        static long ticks(long pid) {
            if (pid <= 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command: state(0) ... utime(11) stime(12)
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                return -1;
            }
        }

        static long[] machine() {
            try (InputStream in = Files.newInputStream(Path.of("/proc/stat"))) {
                String line = new String(in.readNBytes(512), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
                String[] f = line.trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
                long total = 0;
                long idle = 0;
                for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i == 4 || i == 5 || i == 8) { // idle, iowait, steal
                        idle += v;
                    }
                }
                return new long[] {total - idle, total, Long.parseLong(f[5]), f.length > 8 ? Long.parseLong(f[8]) : 0};
            } catch (Exception e) {
                return new long[] {-1, -1, -1, -1};
            }
        }

        static Map<String, Object> usage(CpuSample a, CpuSample b, double seconds, int clkTck) {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "gatewayPct", a.gateway, b.gateway, seconds, clkTck);
            put(m, "mockPct", a.mock, b.mock, seconds, clkTck);
            put(m, "loadGeneratorPct", a.self, b.self, seconds, clkTck);
            if (a.machineTotal > 0 && b.machineTotal > a.machineTotal) {
                double total = b.machineTotal - a.machineTotal;
                // percentages of all cores together (100 = the whole machine)
                m.put("machineBusyPct", round1(100.0 * (b.machineBusy - a.machineBusy) / total));
                m.put("machineIowaitPct", round1(100.0 * (b.iowait - a.iowait) / total));
                m.put("machineStealPct", round1(100.0 * (b.steal - a.steal) / total));
            }
            return m;
        }

        private static void put(Map<String, Object> m, String key, long a, long b, double seconds, int clkTck) {
            if (a >= 0 && b >= 0) {
                m.put(key, round1(100.0 * (b - a) / clkTck / seconds));
            }
        }
    }

    private static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /**
     * One line saying whether this run meets the targets for its mode: rules off at most 4x validation's CPU
     * per dossier, at least 400 delivered/s and (with --half-load) accept p99 at most 50 ms at half load; rules on at
     * most 2x validation's CPU; nothing lost in either.
     */
    private static String targetVerdict(boolean rules, double delivered, double halfP99, double cpuRatio, long lost) {
        if (rules) {
            boolean met = cpuRatio <= TARGET_CPU_RATIO_RULES_ON && lost == 0;
            return String.format(Locale.ROOT, "%s (rules on: gateway CPU / validation CPU <= %.0f, lost 0)",
                    met ? "MET" : "NOT MET", TARGET_CPU_RATIO_RULES_ON);
        }
        boolean met = cpuRatio <= TARGET_CPU_RATIO_RULES_OFF && delivered >= TARGET_DELIVERED_RULES_OFF && lost == 0
                && (Double.isNaN(halfP99) || halfP99 <= TARGET_HALF_P99_MS);
        return String.format(Locale.ROOT, "%s (rules off: gateway CPU / validation CPU <= %.0f, >= %.0f delivered/s, %s, lost 0)",
                met ? "MET" : "NOT MET", TARGET_CPU_RATIO_RULES_OFF, TARGET_DELIVERED_RULES_OFF,
                Double.isNaN(halfP99) ? "half-load p99 not measured (--half-load)"
                        : String.format(Locale.ROOT, "half-load p99 <= %.0f ms", TARGET_HALF_P99_MS));
    }

    /**
     * {@code --compare-rows ROW... [--json FILE]}: prints the rows written by earlier runs' {@code --row} as one table
     * (one line per run) and optionally writes them as JSON.
     */
    private static int compareRows(String[] args) throws IOException {
        List<Properties> rows = new ArrayList<>();
        Path json = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--json") && i + 1 < args.length) {
                json = Path.of(args[++i]);
                continue;
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(Path.of(args[i]), StandardCharsets.UTF_8)) {
                p.load(in);
            }
            rows.add(p);
        }
        String[] keys = {"tls", "store", "instances", "receiver", "acceptedPerSec", "deliveredPerSec", "gatewayCpuMs", "mockCpuMs",
            "validationCpuMs", "cpuRatio", "acceptP99Ms", "halfLoadPerSec", "halfLoadP99Ms", "baselinePerSec", "ratio", "lost",
            "machineBusyPct"};
        String fmt = "%-6s %-4s %-8s %4s %-8s %11s %12s %10s %12s %11s %10s %14s %8s %12s %11s %6s %5s %9s%n";
        StringBuilder b = new StringBuilder("comparison (baseline = validation alone in the same mode, same invocation;"
                + " cpu ratio = gw cpu ms / val cpu ms)\n");
        b.append(String.format(Locale.ROOT, fmt, "rules", "tls", "store", "inst", "receiver", "accepted/s", "delivered/s", "gw cpu ms",
                "mock cpu ms", "val cpu ms", "cpu ratio", "accept p99 ms", "half /s", "half p99 ms", "baseline/s", "ratio", "lost",
                "machine%"));
        List<Object> jsonRows = new ArrayList<>();
        for (Properties p : rows) {
            Object[] v = new Object[keys.length + 1];
            v[0] = p.getProperty("rules", "?");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rules", v[0]);
            for (int k = 0; k < keys.length; k++) {
                String value = p.getProperty(keys[k], "-");
                v[k + 1] = value;
                m.put(keys[k], value.matches("-?[0-9]+") ? (Object) Long.valueOf(value)
                        : value.matches("-?[0-9]+\\.[0-9]+") ? (Object) Double.valueOf(value) : value);
            }
            m.put("target", p.getProperty("target", "-"));
            b.append(String.format(Locale.ROOT, fmt, v));
            jsonRows.add(m);
        }
        for (Properties p : rows) {
            b.append(String.format(Locale.ROOT, "target rules %-4s %s%n", p.getProperty("rules", "?"), p.getProperty("target", "-")));
        }
        Map<String, Object> scaleOut = scaleOut(rows);
        scaleOut.forEach((k, v) -> b.append(String.format(Locale.ROOT, "scale-out %-36s %s%n", k, v)));
        System.out.print(b);
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", Instant.now().toString());
            m.put("scaleOut", scaleOut);
            Map<String, Object> byMode = new LinkedHashMap<>();
            for (Object r : jsonRows) {
                Map<?, ?> row = (Map<?, ?>) r;
                byMode.put("rules-" + row.get("rules") + "-tls-" + row.get("tls") + "-store-" + row.get("store")
                        + "-instances-" + row.get("instances") + "-receiver-" + row.get("receiver"), r);
            }
            m.put("modes", byMode);
            Files.writeString(json, toJson(m, 0) + "\n");
            System.out.println("comparison written to " + json);
        }
        return 0;
    }

    /** For each store run with 1 and with n > 1 instances: delivered/s of n instances over that of 1 ("postgres 2/1"). */
    private static Map<String, Object> scaleOut(List<Properties> rows) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Properties one : rows) {
            if (!"1".equals(one.getProperty("instances"))) {
                continue;
            }
            for (Properties more : rows) {
                String n = more.getProperty("instances", "1");
                if (!n.equals("1") && one.getProperty("store", "").equals(more.getProperty("store"))
                        && one.getProperty("rules", "").equals(more.getProperty("rules"))
                        && one.getProperty("tls", "").equals(more.getProperty("tls"))) {
                    double d1 = Double.parseDouble(one.getProperty("deliveredPerSec", "NaN").replace("-", "NaN"));
                    double dn = Double.parseDouble(more.getProperty("deliveredPerSec", "NaN").replace("-", "NaN"));
                    ratios.put(more.getProperty("store") + " " + n + "/1 delivered/s", round2(dn / d1));
                    // the same with each run's delivered/s over its own baseline: corrects for a neighbour taking cores
                    double r1 = d1 / Double.parseDouble(one.getProperty("baselinePerSec", "NaN").replace("-", "NaN"));
                    double rn = dn / Double.parseDouble(more.getProperty("baselinePerSec", "NaN").replace("-", "NaN"));
                    ratios.put(more.getProperty("store") + " " + n + "/1 delivered/baseline", round2(rn / r1));
                }
            }
        }
        return ratios;
    }

    private static String fmt2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Client side of mutual TLS: the supplier certificate from the keystore, trust from the truststore. */
    private javax.net.ssl.SSLContext tlsContext() throws Exception {
        return tlsContext(tlsKeyStore, tlsTrustStore, tlsPassword);
    }

    /** A client TLS context: the key and certificate in {@code keyStore}, trusting {@code trustStore} (or the key store). */
    static javax.net.ssl.SSLContext tlsContext(Path tlsKeyStore, Path tlsTrustStore, String tlsPassword) throws Exception {
        char[] pw = tlsPassword.toCharArray();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(tlsKeyStore)) {
            keys.load(in, pw);
        }
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(tlsTrustStore == null ? tlsKeyStore : tlsTrustStore)) {
            trust.load(in, pw);
        }
        var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pw);
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static String fmt1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Double round1(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }

    private static Double round3(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    private static Double round2(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }

    private static String toJson(Object o, int indent) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof Map<?, ?> map) {
            String pad = "  ".repeat(indent + 1);
            StringBuilder b = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(pad).append(quote(e.getKey().toString())).append(": ").append(toJson(e.getValue(), indent + 1));
                b.append(++i < map.size() ? ",\n" : "\n");
            }
            return b.append("  ".repeat(indent)).append('}').toString();
        }
        return quote(o.toString());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
