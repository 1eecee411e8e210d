package org.osogateway.bench;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osogateway.bench.GatewayCalls.Answer;
import org.osogateway.bench.GatewayCalls.Arrival;
import org.osogateway.bench.GatewayCalls.Status;

/**
 * Scale-out test of the packaged gateway on PostgreSQL (run by .ci/scale-out): several instances share one fresh
 * database, senders are spread over them, one instance is SIGKILLed half-way and restarted; then every accepted
 * dossier must have reached the mock LAS (a second time only for an attempt the kill cut), the audit must name the
 * instance of every attempt, and the same messageId sent to two instances at once must be accepted exactly once.
 */
public final class ScaleOutTest {

    private static final Pattern PG_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(.*)$");

    // ---- options -------------------------------------------------------------------------------------------
    private String mockUrl;
    private String pgUrl;
    private String pgUser;
    private String pgPassword = "";
    private Path workDir;
    private Path logDir;
    private Path dossierFile;
    private int instances = 3;
    private int minDossiers = 2000;
    private int senders = 9;
    private double rate = 100;
    private int races = 20;
    private int workers = 16;
    private long seed = System.nanoTime();
    private int deliverTimeoutS = 180;
    private long cutBeforeMs = 1000;
    private long cutAfterMs = 5000;
    private boolean strictAudit = true;
    private List<String> gatewayCommand = new ArrayList<>();

    // ---- state ---------------------------------------------------------------------------------------------
    private GatewayCalls calls;
    private PacedSenders load;
    private final List<GatewayProcess> gateways = new ArrayList<>();
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);
    private final String database = "oso_scaleout_" + runTag;
    private final String role = "oso_scaleout_" + runTag;
    private String storeUrl;
    private final SentDossiers dossiers = new SentDossiers("scale-" + runTag);
    /** Accepted messageId -> the instance that answered ACCEPTED. */
    private final Map<String, String> acceptedBy = new ConcurrentHashMap<>();
    /** MessageIds whose first ACCEPTED answer was lost (a resend answered DUPLICATE). */
    private final Set<String> answeredDuplicate = ConcurrentHashMap.newKeySet();
    private final AtomicInteger resends = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();
    private Instant killedAt;
    private GatewayProcess victim;

    public static void main(String[] args) throws Exception {
        ScaleOutTest t = new ScaleOutTest();
        t.parse(args);
        // Stopped from outside (the script's trap): take the gateways along, whatever state the run is in.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> t.gateways.forEach(GatewayProcess::destroyForcibly)));
        int rc;
        try {
            rc = t.run();
        } catch (Exception e) {
            e.printStackTrace();
            rc = fail("the run broke off: " + e);
        } finally {
            t.gateways.parallelStream().forEach(GatewayProcess::stop);
        }
        if (rc == 0) {
            t.dropDatabase();
        } else {
            say("kept database " + t.database + " (role " + t.role + ") for a look");
        }
        System.exit(rc);
    }

    private void parse(String[] args) {
        gatewayCommand = GatewayProcess.commandAfterOptions(args, (a, v) -> {
            switch (a) {
                case "--mock-url" -> mockUrl = v;
                case "--pg-url" -> pgUrl = v;
                case "--pg-user" -> pgUser = v;
                case "--work-dir" -> workDir = Path.of(v);
                case "--log-dir" -> logDir = Path.of(v);
                case "--dossier" -> dossierFile = Path.of(v);
                case "--instances" -> instances = Integer.parseInt(v);
                case "--min-dossiers" -> minDossiers = Integer.parseInt(v);
                case "--senders" -> senders = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--races" -> races = Integer.parseInt(v);
                case "--workers" -> workers = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--deliver-timeout" -> deliverTimeoutS = Integer.parseInt(v);
                case "--strict-audit" -> strictAudit = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        });
        // the administrator's password, if the cluster wants one, never on a command line
        String envPassword = System.getenv("OSO_TEST_POSTGRES_PASSWORD");
        if (envPassword != null) {
            pgPassword = envPassword;
        }
        if (mockUrl == null || pgUrl == null || pgUser == null || workDir == null || logDir == null
                || dossierFile == null || gatewayCommand.isEmpty() || instances < 2 || !PG_URL.matcher(pgUrl).matches()) {
            throw new IllegalArgumentException("need --mock-url --pg-url jdbc:postgresql://host:port/db --pg-user"
                    + " --work-dir --log-dir --dossier, --instances >= 2, and -- <gateway command>");
        }
    }

    private int run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        calls = new GatewayCalls(Files.readAllBytes(dossierFile));
        String gatewayPassword = createDatabase();
        say("seed " + seed + ", " + instances + " instances on database " + database + " as role " + role + ", >= "
                + minDossiers + " dossiers, " + senders + " senders at " + rate + "/s, " + races + " duplicate races");

        for (int i = 1; i <= instances; i++) {
            gateways.add(instance(i, gatewayPassword));
        }
        // The first one migrates the empty database and seeds the registry; the others then start side by side.
        long s0 = System.nanoTime();
        gateways.get(0).start();
        startAll(gateways.subList(1, gateways.size()));
        say(String.format("%d instances up after %d ms", instances, (System.nanoTime() - s0) / 1_000_000));

        load = new PacedSenders(rate);
        load.start(senders, sender -> sendOne(sender % instances));

        // Half-way: SIGKILL one instance and restart it at once; its senders fail over to the others meanwhile.
        victim = gateways.get(random.nextInt(instances));
        long loadDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        dossiers.awaitAccepted(minDossiers / 2, loadDeadline);
        int acceptedBefore = dossiers.accepted.size();
        killedAt = Instant.now();
        int exit = victim.sigkill();
        say(victim.name() + " SIGKILLed (exit " + exit + ") with " + acceptedBefore + " accepted; restarting it");
        if (exit != 137) {
            return fail(victim.name() + " did not end by SIGKILL (exit " + exit + ")");
        }
        // The load goes on while it restarts: its senders fail over to the others meanwhile.
        long r0 = System.nanoTime();
        ExecutorService restart = Executors.newSingleThreadExecutor();
        Future<?> restarted = restart.submit(() -> {
            victim.start();
            return null;
        });
        restart.shutdown();
        dossiers.awaitAccepted(minDossiers, loadDeadline);
        if (!load.stopAndJoin(TimeUnit.SECONDS.toMillis(60))) {
            return fail("senders still had messages not accepted 60 s after the load stopped");
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        say(String.format("load done after %d ms: %s, %d resends to the next instance", loadMs, dossiers.summary(),
                resends.get()));
        String shortfall = dossiers.shortfall(minDossiers);
        if (shortfall != null) {
            return fail(shortfall);
        }
        int loadAccepted = dossiers.accepted.size();
        restarted.get(120, TimeUnit.SECONDS);
        say(String.format("%s back up %d ms after the kill", victim.name(), (System.nanoTime() - r0) / 1_000_000));
        // the races go to every pair of instances, the restarted one included
        int[] raceFigures = duplicateRaces();

        AllDelivered.Outcome end = AllDelivered.await(calls, mockUrl, dossiers.accepted.keySet(), this::statuses,
                deliverTimeoutS);
        if (end.failure() != null) {
            return fail(end.failure());
        }
        long deliveredMs = (end.deliveredAtNanos() - t0) / 1_000_000;
        return verdict(end.arrivals(), end.statuses(), loadAccepted, raceFigures, deliveredMs,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private int verdict(Map<String, List<Arrival>> arrivals, Map<String, Status> statuses, int loadAccepted,
                        int[] raceFigures, long deliveredMs, long totalMs) throws SQLException {
        RedeliveryCheck check = new RedeliveryCheck(List.of(killedAt), cutBeforeMs, cutAfterMs, strictAudit, workers)
                .check(dossiers.accepted, arrivals, statuses);
        problems.addAll(check.problems);
        int redeliveredOfVictim = 0;
        int redeliveredAnswerLost = 0;
        for (Map.Entry<String, List<Arrival>> e : arrivals.entrySet()) {
            if (e.getValue().size() > 1 && victim.name().equals(acceptedBy.get(e.getKey()))) {
                redeliveredOfVictim++;
            } else if (e.getValue().size() > 1 && answeredDuplicate.contains(e.getKey())) {
                redeliveredAnswerLost++;
            }
        }
        Map<String, Integer> attemptsByActor = attemptsByActor();
        Map<String, Integer> deliveredBy = deliveringActors();

        System.out.println();
        System.out.printf("scale-out: %d instances on one PostgreSQL database; %s SIGKILLed at %s and restarted%n",
                instances, victim.name(), killedAt);
        System.out.printf("scale-out: dossiers: %d messageIds sent, %d accepted (%d ACCEPTED, %d DUPLICATE on a resend;"
                        + " %d resends to the next instance after a refused or cut connection)%n",
                dossiers.sentIds.size(), loadAccepted, dossiers.acceptedAnswers.get(), dossiers.duplicateAnswers.get(),
                resends.get());
        System.out.printf("scale-out: accepted per instance: %s%n", acceptedPerInstance());
        System.out.printf("scale-out: delivered %d of %d accepted (with the race messageIds) to the mock LAS, all"
                + " DELIVERED in the store after %.1f s%n", check.delivered, dossiers.accepted.size(), deliveredMs / 1000.0);
        System.out.printf("scale-out: re-delivered %d (%d messageIds: %d answered ACCEPTED by %s, %d whose ACCEPTED answer"
                        + " the kill cut), each explained by the kill at most %d ms after the earlier copy reached the"
                        + " mock; %d repeat the attempt number; %d more cut attempts never reached the mock%n",
                check.redelivered, check.redeliveredIds, redeliveredOfVictim, victim.name(), redeliveredAnswerLost,
                cutAfterMs, check.claimLost, check.cutNotReceived);
        System.out.printf("scale-out: ATTEMPT events per actor: %s; delivering attempt per actor: %s%n",
                attemptsByActor, deliveredBy);
        System.out.printf("scale-out: duplicate races %d: %d with one ACCEPTED and one DUPLICATE, %d of them with both"
                + " requests in flight at once%n", races, raceFigures[0], raceFigures[1]);
        System.out.printf("scale-out: duration %.1f s, seed %d%n", totalMs / 1000.0, seed);
        if (!problems.isEmpty()) {
            problems.stream().limit(20).forEach(p -> System.out.println("scale-out: FAIL " + p));
            System.out.println("scale-out: FAILED with " + problems.size() + " violations");
            return 1;
        }
        System.out.println("scale-out: PASSED");
        return 0;
    }

    // ---- the database ----------------------------------------------------------------------------------------

    /**
     * A fresh database and a role that may only connect to it and create in its public schema: what README
     * "Running several instances on PostgreSQL" asks of an operator. Returns the role's password.
     */
    private String createDatabase() throws SQLException {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + database);
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
        }
        Matcher m = PG_URL.matcher(pgUrl);
        m.matches();
        storeUrl = m.group(1) + database + m.group(3);
        try (Connection c = DriverManager.getConnection(storeUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        }
        return password;
    }

    private void dropDatabase() {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + role);
        } catch (SQLException e) {
            say("could not drop database " + database + ": " + e.getMessage());
        }
    }

    /** State, attempts and recorded ATTEMPT outcomes of these messages, straight from the shared store. */
    private Map<String, Status> statuses(List<String> ids) throws SQLException {
        Set<String> wanted = new java.util.HashSet<>(ids);
        Map<String, Status> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(storeUrl, pgUser, pgPassword);
             PreparedStatement ps = c.prepareStatement("SELECT m.message_id, m.state, m.attempts, (SELECT count(*)"
                     + " FROM audit_event a WHERE a.message_pk = m.id AND a.event_type = 'ATTEMPT') FROM dossier_message m");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (wanted.contains(rs.getString(1))) {
                    out.put(rs.getString(1), new Status(rs.getString(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /**
     * ATTEMPT events per actor. Every attempt must be audited as made by {@code instance <id>} of a started instance,
     * and at least two instances must have made attempts.
     */
    private Map<String, Integer> attemptsByActor() throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(storeUrl, pgUser, pgPassword);
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(actor, '(none)'), count(*) FROM audit_event"
                     + " WHERE event_type = 'ATTEMPT' GROUP BY actor");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        Set<String> known = new java.util.HashSet<>();
        gateways.forEach(g -> known.add("instance " + g.name()));
        int byInstances = 0;
        for (Map.Entry<String, Integer> e : out.entrySet()) {
            if (known.contains(e.getKey())) {
                byInstances++;
            } else {
                problems.add(e.getValue() + " ATTEMPT events have actor '" + e.getKey() + "', not 'instance <id>' of a"
                        + " started instance " + known);
            }
        }
        if (byInstances < 2) {
            problems.add("the audit names " + byInstances + " instances as making attempts; the load went to "
                    + instances);
        }
        return out;
    }

    /** Per actor, the attempts that delivered; every accepted dossier must have exactly one. */
    private Map<String, Integer> deliveringActors() throws SQLException {
        Map<String, Integer> perActor = new TreeMap<>();
        Map<String, Integer> perMessage = new HashMap<>();
        try (Connection c = DriverManager.getConnection(storeUrl, pgUser, pgPassword);
             PreparedStatement ps = c.prepareStatement("SELECT message_id, coalesce(actor, '(none)') FROM audit_event"
                     + " WHERE event_type = 'ATTEMPT' AND outcome = 'DELIVERED'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                perMessage.merge(rs.getString(1), 1, Integer::sum);
                perActor.merge(rs.getString(2), 1, Integer::sum);
            }
        }
        for (String id : dossiers.accepted.keySet()) {
            int n = perMessage.getOrDefault(id, 0);
            if (n != 1) {
                problems.add(id + ": " + n + " ATTEMPT events with outcome DELIVERED in the audit, not 1");
            }
        }
        return perActor;
    }

    // ---- the instances -------------------------------------------------------------------------------------

    /** Instance {@code i}: its own ports, working folder and log, settings in its environment. */
    private GatewayProcess instance(int i, String password) throws Exception {
        String name = "scale-" + i;
        int soap = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_INSTANCE_ID", name);
        env.put("GATEWAY_SOAP_PORT", Integer.toString(soap));
        env.put("GATEWAY_ADMIN_PORT", Integer.toString(freePort()));
        env.put("GATEWAY_METRICS_PORT", Integer.toString(freePort()));
        env.put("GATEWAY_STORE_URL", storeUrl);
        env.put("GATEWAY_STORE_USER", role);
        env.put("GATEWAY_STORE_PASSWORD", password);
        return new GatewayProcess(name, gatewayCommand, env, workDir.resolve(name), logDir.resolve(name + ".log"),
                workDir.resolve(name + ".pid"), "http://localhost:" + soap + "/ws/oso/v1", calls.http);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void startAll(List<GatewayProcess> list) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, list.size()));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (GatewayProcess g : list) {
                started.add(pool.submit(() -> {
                    g.start();
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String acceptedPerInstance() {
        Map<String, Integer> out = new TreeMap<>();
        gateways.forEach(g -> out.put(g.name(), 0));
        acceptedBy.values().forEach(n -> out.merge(n, 1, Integer::sum));
        return out.toString();
    }

    // ---- senders -------------------------------------------------------------------------------------------

    /**
     * Sends one fresh messageId to the {@code home} instance; a refused or cut connection or TEMPORARILY_UNAVAILABLE
     * makes it resend the same messageId to the next instance, until ACCEPTED or DUPLICATE.
     */
    private void sendOne(int home) {
        String id = dossiers.nextId();
        byte[] body = calls.request(id);
        for (int target = home; !load.aborted(); target = (target + 1) % instances) {
            GatewayProcess g = gateways.get(target);
            Answer answer = calls.deliver(g.soapUrl(), body);
            if (answer != null && answer.accepted()) {
                accept(id, answer, g);
                break;
            }
            if (answer != null && !"TEMPORARILY_UNAVAILABLE".equals(answer.code())) {
                dossiers.refused(id, " at " + g.name(), answer);
                break;
            }
            resends.incrementAndGet();
            PacedSenders.sleepNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private void accept(String id, Answer answer, GatewayProcess by) {
        if (answer.status().equals("ACCEPTED")) {
            acceptedBy.put(id, by.name());
        } else {
            answeredDuplicate.add(id);
        }
        dossiers.accepted(id, answer);
    }

    /**
     * The same new messageId to two instances at the same moment (a barrier), {@link #races} times, each time to
     * another pair: exactly one must answer ACCEPTED and the other DUPLICATE with the same hash. Returns how many
     * races came out so, and in how many both requests were in flight at once.
     */
    private int[] duplicateRaces() throws Exception {
        int right = 0;
        int overlapping = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int r = 1; r <= races; r++) {
                String id = "race-" + runTag + "-" + r;
                byte[] body = calls.request(id);
                GatewayProcess[] pair = {gateways.get(r % instances), gateways.get((r + 1) % instances)};
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<long[]>> sides = new ArrayList<>();
                Answer[] answers = new Answer[2];
                for (int side = 0; side < 2; side++) {
                    int s = side;
                    sides.add(pool.submit(() -> {
                        barrier.await(10, TimeUnit.SECONDS);
                        long start = System.nanoTime();
                        answers[s] = calls.deliver(pair[s].soapUrl(), body);
                        return new long[] {start, System.nanoTime()};
                    }));
                }
                long[] a = sides.get(0).get();
                long[] b = sides.get(1).get();
                if (Math.max(a[0], b[0]) < Math.min(a[1], b[1])) {
                    overlapping++;
                }
                String outcome = raceOutcome(answers, pair);
                if (outcome == null) {
                    right++;
                    Answer first = answers[0].status().equals("ACCEPTED") ? answers[0] : answers[1];
                    dossiers.accepted.put(id, first.sha());
                    acceptedBy.put(id, first == answers[0] ? pair[0].name() : pair[1].name());
                } else {
                    problems.add("race " + id + " to " + pair[0].name() + " and " + pair[1].name() + ": " + outcome);
                    if (answers[0] != null && answers[0].accepted()) {
                        dossiers.accepted.put(id, answers[0].sha());
                    } else if (answers[1] != null && answers[1].accepted()) {
                        dossiers.accepted.put(id, answers[1].sha());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        say(String.format("duplicate races: %d of %d with one ACCEPTED and one DUPLICATE (%d with both in flight at once)",
                right, races, overlapping));
        return new int[] {right, overlapping};
    }

    /** Null when one side answered ACCEPTED and the other DUPLICATE with the same hash; else what went wrong. */
    private static String raceOutcome(Answer[] answers, GatewayProcess[] pair) {
        for (int s = 0; s < 2; s++) {
            if (answers[s] == null) {
                return pair[s].name() + " gave no answer";
            }
            if (!answers[s].accepted()) {
                return pair[s].name() + " answered " + GatewayCalls.abbreviate(answers[s].text());
            }
        }
        String statuses = answers[0].status() + "/" + answers[1].status();
        if (!statuses.equals("ACCEPTED/DUPLICATE") && !statuses.equals("DUPLICATE/ACCEPTED")) {
            return "answers " + statuses + ", not one ACCEPTED and one DUPLICATE";
        }
        if (!answers[0].sha().equals(answers[1].sha())) {
            return "the two answers name different dossierSha256";
        }
        return null;
    }

    // ---- small helpers -------------------------------------------------------------------------------------

    private static int fail(String why) {
        System.out.println("scale-out: FAIL " + why);
        return 1;
    }

    private static void say(String s) {
        System.out.println("scale-out: " + s);
    }
}
