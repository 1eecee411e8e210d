package org.osogateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kill -9 test of the packaged gateway (run by .ci/crash-test): senders deliver dossiers while the gateway is killed
 * with SIGKILL at random moments and restarted; then every accepted dossier must have reached the mock LAS, and every
 * second arrival of a messageId must be one whose earlier attempt a kill cut.
 */
public final class CrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCEPT_STATUS = Pattern.compile("<(?:\\w+:)?status>(ACCEPTED|DUPLICATE)</");
    private static final Pattern ACCEPT_SHA = Pattern.compile("<(?:\\w+:)?dossierSha256>([0-9a-f]{64})</");
    private static final Pattern FAULT_CODE = Pattern.compile("<(?:\\w+:)?code>([A-Z_]+)</");
    private static final Pattern STATE = Pattern.compile("<(?:\\w+:)?state>([A-Z_]+)</");
    private static final Pattern ATTEMPTS = Pattern.compile("<(?:\\w+:)?attempts>(\\d+)</");
    private static final Pattern EVENT_TYPE = Pattern.compile("<(?:\\w+:)?type>([A-Z_]+)</");

    // ---- options -------------------------------------------------------------------------------------------
    private String gatewayUrl;
    private String mockUrl;
    private Path workDir;
    private Path gatewayLog;
    private Path pidFile;
    private Path dossierFile;
    private int minDossiers = 1000;
    private int kills = 5;
    private int senders = 8;
    private double rate = 100;
    private long upMinMs = 1000;
    private long upMaxMs = 5000;
    private long seed = System.nanoTime();
    private int deliverTimeoutS = 180;
    private int workers = 16;
    private long cutBeforeMs = 1000;
    private long cutAfterMs = 5000;
    private boolean strictAudit;
    private List<String> gatewayCommand = new ArrayList<>();

    // ---- state ---------------------------------------------------------------------------------------------
    private HttpClient http;
    private byte[] prefix;
    private byte[] suffix;
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong nextSlotNanos = new AtomicLong();
    private final AtomicBoolean stopNew = new AtomicBoolean();
    private final AtomicBoolean abort = new AtomicBoolean();
    /** Accepted messageId -> the dossierSha256 the gateway answered. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger acceptedAnswers = new AtomicInteger();
    private final AtomicInteger duplicateAnswers = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Kill> killLog = new ArrayList<>();
    private volatile Process gateway;

    /** One SIGKILL: when, how long the gateway had been up, how many dossiers were accepted by then. */
    private record Kill(int number, Instant at, long upMs, int acceptedBefore, int exitCode, long restartMs) {
    }

    /** One call the mock LAS answered RECEIVED. */
    private record Arrival(int attempt, Instant at, String sha) {
    }

    /** What GetDeliveryStatus says of one message. */
    private record Status(String state, int attempts, int recordedAttempts) {
    }

    public static void main(String[] args) throws Exception {
        CrashTest t = new CrashTest();
        t.parse(args);
        // Stopped from outside (the script's trap): take the gateway along, whatever state the run is in.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = t.gateway;
            if (p != null) {
                p.destroyForcibly();
            }
        }));
        int rc;
        try {
            rc = t.run();
        } catch (Exception e) {
            e.printStackTrace();
            rc = fail("the run broke off: " + e);
        } finally {
            t.stopGateway();
        }
        System.exit(rc);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                gatewayCommand = List.of(args).subList(i + 1, args.length);
                break;
            }
            String v = args[++i];
            switch (a) {
                case "--gateway-url" -> gatewayUrl = v;
                case "--mock-url" -> mockUrl = v;
                case "--work-dir" -> workDir = Path.of(v);
                case "--gateway-log" -> gatewayLog = Path.of(v);
                case "--pid-file" -> pidFile = Path.of(v);
                case "--dossier" -> dossierFile = Path.of(v);
                case "--min-dossiers" -> minDossiers = Integer.parseInt(v);
                case "--kills" -> kills = Integer.parseInt(v);
                case "--senders" -> senders = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--up-min-ms" -> upMinMs = Long.parseLong(v);
                case "--up-max-ms" -> upMaxMs = Long.parseLong(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--deliver-timeout" -> deliverTimeoutS = Integer.parseInt(v);
                case "--workers" -> workers = Integer.parseInt(v);
                case "--strict-audit" -> strictAudit = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (gatewayUrl == null || mockUrl == null || workDir == null || gatewayLog == null || dossierFile == null
                || gatewayCommand.isEmpty() || upMaxMs < upMinMs) {
            throw new IllegalArgumentException("need --gateway-url --mock-url --work-dir --gateway-log --dossier"
                    + " and -- <gateway command>");
        }
    }

    private int run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        buildTemplate(Files.readAllBytes(dossierFile));
        say("seed " + seed + ", " + kills + " kills, >= " + minDossiers + " dossiers, " + senders + " senders at "
                + rate + "/s, gateway up " + upMinMs + "-" + upMaxMs + " ms between kills");

        startGateway();
        List<Thread> senderThreads = new ArrayList<>();
        nextSlotNanos.set(System.nanoTime());
        for (int i = 0; i < senders; i++) {
            Thread th = new Thread(this::sendLoop, "sender-" + i);
            th.start();
            senderThreads.add(th);
        }

        // Kill at a random moment of each up-time, restart at once.
        Instant upSince = Instant.now();
        for (int k = 1; k <= kills; k++) {
            long upFor = upMinMs + (long) (random.nextDouble() * (upMaxMs - upMinMs));
            Thread.sleep(upFor);
            int acceptedBefore = accepted.size();
            Instant at = Instant.now();
            int exit = sigkill(gateway);
            long r0 = System.nanoTime();
            startGateway();
            long restartMs = (System.nanoTime() - r0) / 1_000_000;
            Kill kill = new Kill(k, at, Duration.between(upSince, at).toMillis(), acceptedBefore, exit, restartMs);
            killLog.add(kill);
            say(String.format("kill %d: SIGKILL after %d ms up (exit %d), %d accepted so far; back up in %d ms",
                    k, kill.upMs(), exit, acceptedBefore, restartMs));
            if (exit != 137) {
                return fail("the gateway did not end by SIGKILL (exit " + exit + ")");
            }
            upSince = Instant.now();
        }
        // Keep the load going on the last instance until enough dossiers are in.
        long loadDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (accepted.size() < minDossiers && System.nanoTime() < loadDeadline) {
            Thread.sleep(100);
        }
        stopNew.set(true);
        for (Thread th : senderThreads) {
            th.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (senderThreads.stream().anyMatch(Thread::isAlive)) {
            abort.set(true);
            return fail("senders still had messages not accepted 60 s after the load stopped");
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        say(String.format("load done after %d ms: %d messageIds sent, %d accepted (%d ACCEPTED, %d DUPLICATE answers), "
                        + "%d resends, %d TEMPORARILY_UNAVAILABLE answers, %d refused",
                loadMs, sent.size(), accepted.size(), acceptedAnswers.get(), duplicateAnswers.get(), retries.get(),
                unavailableAnswers.get(), refused.size()));
        if (!refused.isEmpty()) {
            return fail(refused.size() + " dossiers refused by the gateway, e.g. " + refused.get(0));
        }
        if (accepted.size() < minDossiers) {
            return fail("only " + accepted.size() + " dossiers accepted, fewer than " + minDossiers);
        }

        // Wait until every accepted dossier reached the mock and the gateway holds it as DELIVERED.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deliverTimeoutS);
        Map<String, List<Arrival>> arrivals;
        Set<String> settled = new HashSet<>();
        Map<String, Status> statuses = new ConcurrentHashMap<>();
        while (true) {
            arrivals = mockArrivals();
            List<String> waiting = new ArrayList<>();
            for (String id : accepted.keySet()) {
                if (!settled.contains(id) && arrivals.containsKey(id)) {
                    waiting.add(id);
                }
            }
            statuses.putAll(statuses(waiting));
            for (String id : waiting) {
                if ("DELIVERED".equals(statuses.get(id).state())) {
                    settled.add(id);
                }
            }
            if (settled.size() == accepted.size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = accepted.keySet().stream().filter(id -> !settled.contains(id)).sorted().toList();
                Map<String, Status> missingStatus = statuses(missing.subList(0, Math.min(5, missing.size())));
                return fail(missing.size() + " accepted dossiers not delivered within " + deliverTimeoutS
                        + " s (not at the mock LAS, or not DELIVERED in the gateway), e.g. " + missingStatus);
            }
            Thread.sleep(1000);
        }
        long deliveredMs = (System.nanoTime() - t0) / 1_000_000;
        // A late second arrival would come from a worker still holding the job: look once more after a pause.
        Thread.sleep(2000);
        arrivals = mockArrivals();
        return verdict(arrivals, statuses, deliveredMs, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The checks after the run; prints the figures and returns the exit code. A messageId may reach the mock LAS
     * more than once only when, for each later copy, a SIGKILL came between {@link #cutBeforeMs} before and
     * {@link #cutAfterMs} after the mock received the copy before it (and before the later copy): the kill cut that
     * attempt before the gateway had its outcome on disk. The audit must agree: a later copy with a higher attempt
     * number needs an attempt without a recorded outcome (GetDeliveryStatus attempts minus its ATTEMPT events), and
     * the gateway's last attempt must be the mock's last. A later copy with the same attempt number means the
     * killed gateway's claim of the attempt never reached the disk; it is counted, and fails with --strict-audit.
     */
    private int verdict(Map<String, List<Arrival>> arrivals, Map<String, Status> statuses, long deliveredMs, long totalMs) {
        List<String> problems = new ArrayList<>();
        int delivered = 0;
        int redelivered = 0;
        int redeliveredIds = 0;
        int claimLost = 0;
        int cutNotReceived = 0;
        int[] perKill = new int[killLog.size()];
        for (String id : arrivals.keySet()) {
            if (!accepted.containsKey(id)) {
                problems.add("the mock LAS received " + id + ", which no sender had accepted");
            }
        }
        for (Map.Entry<String, String> e : accepted.entrySet()) {
            String id = e.getKey();
            List<Arrival> got = arrivals.getOrDefault(id, List.of()).stream()
                    .sorted(Comparator.comparing(Arrival::at)).toList();
            Status st = statuses.get(id);
            if (got.isEmpty()) {
                problems.add(id + ": accepted but never reached the mock LAS");
                continue;
            }
            delivered++;
            for (Arrival a : got) {
                if (!a.sha().equals(e.getValue())) {
                    problems.add(id + ": attempt " + a.attempt() + " carried dossierSha256 " + a.sha()
                            + ", the gateway had accepted " + e.getValue());
                }
            }
            int cut = st.attempts() - st.recordedAttempts();
            int distinctAttempts = (int) got.stream().mapToInt(Arrival::attempt).distinct().count();
            int last = got.get(got.size() - 1).attempt();
            if (last != st.attempts()) {
                problems.add(id + ": the gateway's last attempt is " + st.attempts() + ", the mock's last is " + last
                        + " " + got);
            }
            if (distinctAttempts - 1 > cut) {
                problems.add(id + ": " + distinctAttempts + " attempts reached the mock but the gateway recorded "
                        + st.recordedAttempts() + " outcomes of " + st.attempts() + " attempts (" + cut + " cut) " + got);
            }
            cutNotReceived += Math.max(0, cut - (distinctAttempts - 1));
            if (got.size() == 1) {
                continue;
            }
            redelivered += got.size() - 1;
            redeliveredIds++;
            for (int i = 1; i < got.size(); i++) {
                Arrival earlier = got.get(i - 1);
                Arrival later = got.get(i);
                Kill k = cutBy(earlier.at(), later.at());
                if (k == null) {
                    problems.add(id + ": attempt " + earlier.attempt() + " reached the mock at " + earlier.at()
                            + " and again as attempt " + later.attempt() + " at " + later.at() + ", with no kill from "
                            + cutBeforeMs + " ms before to " + cutAfterMs + " ms after the first");
                    continue;
                }
                perKill[k.number() - 1]++;
                if (later.attempt() < earlier.attempt()) {
                    problems.add(id + ": attempt " + later.attempt() + " reached the mock after attempt "
                            + earlier.attempt() + " " + got);
                } else if (later.attempt() == earlier.attempt()) {
                    claimLost++;
                    if (strictAudit) {
                        problems.add(id + ": attempt " + earlier.attempt() + " reached the mock twice; the claim of"
                                + " the first, cut by kill " + k.number() + ", is not in the audit " + got);
                    }
                }
            }
        }
        for (int i = 0; i < perKill.length; i++) {
            Kill k = killLog.get(i);
            say(String.format("kill %d at %s after %d ms up: %d accepted before it, %d re-deliveries of attempts it cut",
                    k.number(), k.at(), k.upMs(), k.acceptedBefore(), perKill[i]));
            // one worker thread holds one attempt: a kill cannot cut more attempts than there are workers
            if (perKill[i] > workers) {
                problems.add("kill " + k.number() + " explains " + perKill[i] + " re-deliveries, more than the "
                        + workers + " delivery workers that can have an attempt in flight");
            }
        }
        long restartAvg = (long) killLog.stream().mapToLong(Kill::restartMs).average().orElse(0);
        System.out.println();
        System.out.printf("crash-test: accepted %d (%d ACCEPTED, %d DUPLICATE on a resend; %d resends after a refused"
                        + " connection or TEMPORARILY_UNAVAILABLE)%n",
                accepted.size(), acceptedAnswers.get(), duplicateAnswers.get(), retries.get());
        System.out.printf("crash-test: delivered %d of %d accepted to the mock LAS (all DELIVERED in the gateway "
                + "after %.1f s)%n", delivered, accepted.size(), deliveredMs / 1000.0);
        System.out.printf("crash-test: re-delivered %d (%d messageIds), each explained by a kill at most %d ms after the earlier copy"
                        + " reached the mock; %d of them repeat the attempt number (the killed gateway's claim never reached"
                        + " the disk); %d more cut attempts never reached the mock%n",
                redelivered, redeliveredIds, cutAfterMs, claimLost, cutNotReceived);
        System.out.printf("crash-test: kills %d (SIGKILL, restart %d ms on average), duration %.1f s, seed %d%n",
                killLog.size(), restartAvg, totalMs / 1000.0, seed);
        if (!problems.isEmpty()) {
            problems.stream().limit(20).forEach(p -> System.out.println("crash-test: FAIL " + p));
            System.out.println("crash-test: FAILED with " + problems.size() + " violations");
            return 1;
        }
        System.out.println("crash-test: PASSED");
        return 0;
    }

    /** The kill that can have cut an attempt that reached the mock at {@code at}, before {@code next}. */
    private Kill cutBy(Instant at, Instant next) {
        for (Kill k : killLog) {
            if (!k.at().isBefore(at.minusMillis(cutBeforeMs)) && !k.at().isAfter(at.plusMillis(cutAfterMs))
                    && k.at().isBefore(next)) {
                return k;
            }
        }
        return null;
    }

    // ---- senders -------------------------------------------------------------------------------------------

    /** Sends fresh messageIds at the paced rate; each is re-sent until the gateway answers ACCEPTED or DUPLICATE. */
    private void sendLoop() {
        long intervalNanos = rate <= 0 ? 0 : (long) (1e9 / rate);
        while (!stopNew.get() && !abort.get()) {
            if (intervalNanos > 0) {
                // A sender held up by a restart does not build up slots to burst with afterwards.
                long slot = nextSlotNanos.updateAndGet(prev -> Math.max(prev, System.nanoTime()) + intervalNanos)
                        - intervalNanos;
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopNew.get()) {
                    return;
                }
            }
            String id = "crash-" + runTag + "-" + nextId.incrementAndGet();
            sent.add(id);
            byte[] body = request(id);
            for (int tries = 0; !abort.get(); tries++) {
                if (tries > 0) {
                    retries.incrementAndGet();
                }
                String answer = deliver(body);
                if (answer == null) {
                    sleepQuietly(200);
                    continue;
                }
                Matcher m = ACCEPT_STATUS.matcher(answer);
                Matcher sha = ACCEPT_SHA.matcher(answer);
                if (m.find() && sha.find()) {
                    (m.group(1).equals("ACCEPTED") ? acceptedAnswers : duplicateAnswers).incrementAndGet();
                    accepted.put(id, sha.group(1));
                    break;
                }
                Matcher code = FAULT_CODE.matcher(answer);
                if (code.find() && code.group(1).equals("TEMPORARILY_UNAVAILABLE")) {
                    unavailableAnswers.incrementAndGet();
                    sleepQuietly(200);
                    continue;
                }
                refused.add(id + ": " + abbreviate(answer));
                break;
            }
        }
    }

    /** The gateway's answer, or null when the connection failed (refused, reset, or cut by a kill). */
    private String deliver(byte[] body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void buildTemplate(byte[] dossier) {
        String text = new String(dossier, StandardCharsets.UTF_8);
        if (text.startsWith("<?xml")) {
            text = text.substring(text.indexOf("?>") + 2);
        }
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:DeliverDossierRequest><g:messageId>";
        String tail = "</g:messageId>"
                + "<g:sender><g:brin>00YY</g:brin><g:vestiging>00</g:vestiging></g:sender>"
                + "<g:receiver><g:brin>01AB</g:brin></g:receiver>"
                + "<g:overdrachtsoort>overstapdossier</g:overdrachtsoort>"
                + "<g:dossier>" + text.strip() + "</g:dossier>"
                + "</g:DeliverDossierRequest></soap:Body></soap:Envelope>";
        prefix = head.getBytes(StandardCharsets.UTF_8);
        suffix = tail.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] request(String messageId) {
        byte[] id = messageId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + id.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(id, 0, body, prefix.length, id.length);
        System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
        return body;
    }

    // ---- what the mock and the gateway say -----------------------------------------------------------------

    /** A read-only call, tried again when it times out or the connection fails (the machine may be busy). */
    private <T> HttpResponse<T> read(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int tries = 1; ; tries++) {
            try {
                return http.send(request, handler);
            } catch (IOException e) {
                if (tries == 5) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Per messageId, the calls the mock LAS answered RECEIVED. */
    private Map<String, List<Arrival>> mockArrivals() throws IOException, InterruptedException {
        HttpResponse<byte[]> resp = read(HttpRequest.newBuilder(URI.create(mockUrl + "/mock/received"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode root = JSON.readTree(resp.body());
        if (root.get("totalCalls").asLong() > root.get("keepCalls").asLong()) {
            throw new IllegalStateException("the mock LAS kept only " + root.get("keepCalls") + " of "
                    + root.get("totalCalls") + " calls; start it with a larger --keep-calls");
        }
        Map<String, List<Arrival>> out = new HashMap<>();
        for (JsonNode c : root.get("calls")) {
            if ("RECEIVED".equals(c.path("answer").asText())) {
                out.computeIfAbsent(c.get("messageId").asText(), k -> new ArrayList<>())
                        .add(new Arrival(c.get("attempt").asInt(), Instant.parse(c.get("receivedAt").asText()),
                                c.get("dossierSha256").asText()));
            }
        }
        return out;
    }

    /** GetDeliveryStatus of each messageId over SOAP, a few at a time. */
    private Map<String, Status> statuses(List<String> ids) throws Exception {
        Map<String, Status> out = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    out.put(id, status(id));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private Status status(String messageId) throws IOException, InterruptedException {
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:GetDeliveryStatusRequest><g:messageId>" + messageId + "</g:messageId>"
                + "<g:senderBrin>00YY</g:senderBrin></g:GetDeliveryStatusRequest></soap:Body></soap:Envelope>";
        String answer = read(HttpRequest.newBuilder(URI.create(gatewayUrl)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        Matcher state = STATE.matcher(answer);
        Matcher attempts = ATTEMPTS.matcher(answer);
        if (!state.find() || !attempts.find()) {
            throw new IllegalStateException("GetDeliveryStatus of " + messageId + " answered " + abbreviate(answer));
        }
        int recorded = 0;
        Matcher type = EVENT_TYPE.matcher(answer);
        while (type.find()) {
            if (type.group(1).equals("ATTEMPT")) {
                recorded++; // an ATTEMPT event is written only with the attempt's outcome
            }
        }
        return new Status(state.group(1), Integer.parseInt(attempts.group(1)), recorded);
    }

    // ---- the gateway process -------------------------------------------------------------------------------

    private void startGateway() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(gatewayCommand).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(gatewayLog.toFile()));
        Files.writeString(gatewayLog, "==== crash-test: start at " + Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        gateway = p;
        if (pidFile != null) {
            Files.writeString(pidFile, Long.toString(p.pid()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        HttpRequest wsdl = HttpRequest.newBuilder(URI.create(gatewayUrl + "?wsdl")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the gateway exited during start-up (exit " + p.exitValue() + "), see "
                        + gatewayLog);
            }
            try {
                if (http.send(wsdl, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not answer ?wsdl within 120 s, see " + gatewayLog);
    }

    /** kill -KILL, the signal nothing in the process can catch; returns its exit status (137). */
    private static int sigkill(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -KILL " + p.pid() + " failed");
        }
        return p.waitFor();
    }

    /** The final instance ends normally (SIGTERM); SIGKILL if it takes longer than 30 s. */
    private void stopGateway() {
        Process p = gateway;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- small helpers -------------------------------------------------------------------------------------

    private static int fail(String why) {
        System.out.println("crash-test: FAIL " + why);
        return 1;
    }

    private static void say(String s) {
        System.out.println("crash-test: " + s);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "...";
    }
}
