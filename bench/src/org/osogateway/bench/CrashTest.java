package org.osogateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osogateway.bench.GatewayCalls.Arrival;
import org.osogateway.bench.GatewayCalls.Status;

/**
 * Kill -9 test of the packaged gateway (run by .ci/crash-test): senders deliver dossiers while the gateway is killed
 * with SIGKILL at random moments and restarted; then every accepted dossier must have reached the mock LAS, and every
 * second arrival of a messageId must be one whose earlier attempt a kill cut.
 */
public final class CrashTest {

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
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);
    private final SentDossiers dossiers = new SentDossiers("crash-" + runTag);
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final List<Kill> killLog = new ArrayList<>();
    private GatewayCalls calls;
    private PacedSenders load;
    private volatile GatewayProcess gateway;

    /** One SIGKILL: when, how long the gateway had been up, how many dossiers were accepted by then. */
    private record Kill(int number, Instant at, long upMs, int acceptedBefore, int exitCode, long restartMs) {
    }

    public static void main(String[] args) throws Exception {
        CrashTest t = new CrashTest();
        t.parse(args);
        // Stopped from outside (the script's trap): take the gateway along, whatever state the run is in.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GatewayProcess p = t.gateway;
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
            if (t.gateway != null) {
                t.gateway.stop();
            }
        }
        System.exit(rc);
    }

    private void parse(String[] args) {
        gatewayCommand = GatewayProcess.commandAfterOptions(args, (a, v) -> {
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
        });
        if (gatewayUrl == null || mockUrl == null || workDir == null || gatewayLog == null || dossierFile == null
                || gatewayCommand.isEmpty() || upMaxMs < upMinMs) {
            throw new IllegalArgumentException("need --gateway-url --mock-url --work-dir --gateway-log --dossier"
                    + " and -- <gateway command>");
        }
    }

    private int run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        calls = new GatewayCalls(Files.readAllBytes(dossierFile));
        gateway = new GatewayProcess("gateway", gatewayCommand, Map.of(), workDir, gatewayLog, pidFile, gatewayUrl,
                calls.http);
        say("seed " + seed + ", " + kills + " kills, >= " + minDossiers + " dossiers, " + senders + " senders at "
                + rate + "/s, gateway up " + upMinMs + "-" + upMaxMs + " ms between kills");

        gateway.start();
        load = new PacedSenders(rate);
        load.start(senders, sender -> sendOne());

        // Kill at a random moment of each up-time, restart at once.
        Instant upSince = Instant.now();
        for (int k = 1; k <= kills; k++) {
            long upFor = upMinMs + (long) (random.nextDouble() * (upMaxMs - upMinMs));
            Thread.sleep(upFor);
            int acceptedBefore = dossiers.accepted.size();
            Instant at = Instant.now();
            int exit = gateway.sigkill();
            long r0 = System.nanoTime();
            gateway.start();
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
        dossiers.awaitAccepted(minDossiers, loadDeadline);
        if (!load.stopAndJoin(TimeUnit.SECONDS.toMillis(60))) {
            return fail("senders still had messages not accepted 60 s after the load stopped");
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        say(String.format("load done after %d ms: %s, %d resends, %d TEMPORARILY_UNAVAILABLE answers", loadMs,
                dossiers.summary(), retries.get(), unavailableAnswers.get()));
        String shortfall = dossiers.shortfall(minDossiers);
        if (shortfall != null) {
            return fail(shortfall);
        }

        AllDelivered.Outcome end = AllDelivered.await(calls, mockUrl, dossiers.accepted.keySet(), this::statuses,
                deliverTimeoutS);
        if (end.failure() != null) {
            return fail(end.failure());
        }
        long deliveredMs = (end.deliveredAtNanos() - t0) / 1_000_000;
        return verdict(end.arrivals(), end.statuses(), deliveredMs, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The checks after the run (see {@link RedeliveryCheck}); prints the figures and returns the exit code. */
    private int verdict(Map<String, List<Arrival>> arrivals, Map<String, Status> statuses, long deliveredMs, long totalMs) {
        RedeliveryCheck check = new RedeliveryCheck(killLog.stream().map(Kill::at).toList(), cutBeforeMs, cutAfterMs,
                strictAudit, workers).check(dossiers.accepted, arrivals, statuses);
        for (int i = 0; i < check.perKill.length; i++) {
            Kill k = killLog.get(i);
            say(String.format("kill %d at %s after %d ms up: %d accepted before it, %d re-deliveries of attempts it cut",
                    k.number(), k.at(), k.upMs(), k.acceptedBefore(), check.perKill[i]));
        }
        long restartAvg = (long) killLog.stream().mapToLong(Kill::restartMs).average().orElse(0);
        System.out.println();
        System.out.printf("crash-test: accepted %d (%d ACCEPTED, %d DUPLICATE on a resend; %d resends after a refused"
                        + " connection or TEMPORARILY_UNAVAILABLE)%n",
                dossiers.accepted.size(), dossiers.acceptedAnswers.get(), dossiers.duplicateAnswers.get(), retries.get());
        System.out.printf("crash-test: delivered %d of %d accepted to the mock LAS (all DELIVERED in the gateway "
                + "after %.1f s)%n", check.delivered, dossiers.accepted.size(), deliveredMs / 1000.0);
        System.out.printf("crash-test: re-delivered %d (%d messageIds), each explained by a kill at most %d ms after the earlier copy"
                        + " reached the mock; %d of them repeat the attempt number (the killed gateway's claim never reached"
                        + " the disk); %d more cut attempts never reached the mock%n",
                check.redelivered, check.redeliveredIds, cutAfterMs, check.claimLost, check.cutNotReceived);
        System.out.printf("crash-test: kills %d (SIGKILL, restart %d ms on average), duration %.1f s, seed %d%n",
                killLog.size(), restartAvg, totalMs / 1000.0, seed);
        if (!check.problems.isEmpty()) {
            check.problems.stream().limit(20).forEach(p -> System.out.println("crash-test: FAIL " + p));
            System.out.println("crash-test: FAILED with " + check.problems.size() + " violations");
            return 1;
        }
        System.out.println("crash-test: PASSED");
        return 0;
    }

    // ---- senders -------------------------------------------------------------------------------------------

    /** Sends one fresh messageId, re-sent until the gateway answers ACCEPTED or DUPLICATE. */
    private void sendOne() {
        String id = dossiers.nextId();
        byte[] body = calls.request(id);
        for (int tries = 0; !load.aborted(); tries++) {
            if (tries > 0) {
                retries.incrementAndGet();
            }
            GatewayCalls.Answer answer = calls.deliver(gatewayUrl, body);
            if (answer == null) {
                sleepQuietly(200);
                continue;
            }
            if (answer.accepted()) {
                dossiers.accepted(id, answer);
                break;
            }
            if ("TEMPORARILY_UNAVAILABLE".equals(answer.code())) {
                unavailableAnswers.incrementAndGet();
                sleepQuietly(200);
                continue;
            }
            dossiers.refused(id, "", answer);
            break;
        }
    }

    /** GetDeliveryStatus of each messageId over SOAP, a few at a time. */
    private Map<String, Status> statuses(List<String> ids) throws Exception {
        Map<String, Status> out = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    out.put(id, calls.status(gatewayUrl, id));
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
}
