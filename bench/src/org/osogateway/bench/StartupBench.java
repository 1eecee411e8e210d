package org.osogateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run --startup: starts the packaged gateway several times, each on a fresh store with the official schemas
 * installed, and measures from the fork to its first answer, its first working answer (CheckConnection), the first
 * DeliverDossier it accepts and /health ready; then reads the gateway's start-up timing log (oso.startup) for where
 * the time went. Variants (the archive on or off, an older jar) run interleaved, so they share the machine's noise.
 */
public final class StartupBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHASE = Pattern.compile("startup: (.+?) in (\\d+) ms \\(at (\\d+) ms since JVM start\\)");
    private static final Pattern COMPILED = Pattern.compile("Compiled (business rules|dossier schema) (\\S+) in (\\d+) ms");
    private static final Pattern CONNECTION_ANSWER = Pattern.compile("<(?:\\w+:)?connected>(true|false)</");
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    /** One way of starting the gateway: a jar, with or without its class-data sharing archive. */
    record Variant(String label, Path jar, Path archive) {
    }

    /** One start: milliseconds since the fork (-1: never), the gateway's CPU seconds, its start-up log's phases. */
    record Run(String variant, int run, long firstAnswerMs, long workingAnswerMs, long acceptedMs, long healthReadyMs,
               int unavailableAnswers, double cpuAtWorkingS, double cpuAtAcceptedS, boolean archiveUsed,
               Map<String, Long> phaseMs, Map<String, Long> phaseAtMs) {
    }

    private final Path schemas;
    private final Path registryTemplate;
    private final Path dossier;
    private final Path work;
    private final Path logDir;
    private final long clkTck;
    private final List<String> extraJvmOptions;

    private StartupBench(Map<String, String> a) {
        schemas = Path.of(a.get("--schemas"));
        registryTemplate = Path.of(a.get("--registry"));
        dossier = Path.of(a.get("--dossier"));
        work = Path.of(a.get("--work"));
        logDir = Path.of(a.get("--log-dir"));
        clkTck = Long.parseLong(a.getOrDefault("--clk-tck", "100"));
        String opts = a.getOrDefault("--jvm-options", "").trim();
        extraJvmOptions = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        StartupBench bench = new StartupBench(a);
        int runs = Integer.parseInt(a.getOrDefault("--runs", "5"));
        Path jar = Path.of(a.get("--jar"));
        Path archive = Path.of(a.get("--archive"));
        List<Variant> variants = new ArrayList<>();
        if (a.containsKey("--baseline-jar")) {
            variants.add(new Variant("baseline", Path.of(a.get("--baseline-jar")), null));
        }
        String cds = a.getOrDefault("--cds", "on");
        if (cds.equals("compare") || cds.equals("off")) {
            variants.add(new Variant("no-archive", jar, null));
        }
        if (cds.equals("compare") || cds.equals("on")) {
            variants.add(new Variant(Files.isReadable(archive) ? "archive" : "archive-missing", jar, archive));
        }
        System.out.printf("startup: %d run(s) of %s, each on a fresh store with %s installed%n", runs,
                variants.stream().map(Variant::label).toList(), bench.schemas);
        Map<Path, Path> installed = new LinkedHashMap<>();
        for (Variant v : variants) {
            if (!installed.containsKey(v.jar())) {
                installed.put(v.jar(), bench.install(v.jar(), installed.size()));
            }
        }
        List<Run> all = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            for (Variant v : variants) {
                Run r = bench.start(v, i, installed.get(v.jar()));
                all.add(r);
                System.out.printf("startup: %-15s run %d: first answer %5d ms, working answer %5d ms, dossier accepted "
                                + "%5d ms (%d TEMPORARILY_UNAVAILABLE before), /health ready %5d ms, CPU %.1f s / %.1f s%s%n",
                        v.label(), i, r.firstAnswerMs(), r.workingAnswerMs(), r.acceptedMs(), r.unavailableAnswers(),
                        r.healthReadyMs(), r.cpuAtWorkingS(), r.cpuAtAcceptedS(),
                        v.archive() != null && !r.archiveUsed() ? " (archive NOT used)" : "");
            }
        }
        Map<String, Object> summary = summarize(variants, all);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("schemas", bench.schemas.toString());
        out.put("jvmOptions", bench.extraJvmOptions);
        out.put("summary", summary);
        out.put("details", all);
        Path json = Path.of(a.get("--json"));
        Files.createDirectories(json.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
        System.out.println("startup: JSON in " + json);
    }

    /** The official release installed as an operator does it, once per jar (its own installer checks it). */
    private Path install(Path jar, int n) throws IOException, InterruptedException {
        Path target = work.resolve("schemas-" + n);
        Path log = work.resolve("install-" + n + ".log");
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "schemas", "install", "--target=" + target,
                schemas.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("schemas install failed with " + jar + ": " + Files.readString(log));
        }
        return target;
    }

    private Run start(Variant v, int run, Path installedSchemas) throws Exception {
        Path dir = work.resolve(v.label() + "-" + run);
        Files.createDirectories(dir);
        int soapPort = FreePorts.next();
        // deliveries go to a port nobody listens on: the bench measures acceptance, not delivery
        Path registry = dir.resolve("registry.yaml");
        Files.writeString(registry, Files.readString(registryTemplate)
                .replace("http://localhost:8089", "http://localhost:" + FreePorts.next()));
        List<String> cmd = new ArrayList<>(List.of("java"));
        if (v.archive() != null) {
            cmd.add("-XX:SharedArchiveFile=" + v.archive());
        }
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-Dgateway.soap.port=" + soapPort, "-Dgateway.admin.port=" + FreePorts.next(),
                "-Dgateway.metrics.port=" + FreePorts.next(),
                "-Dgateway.store.url=jdbc:h2:file:" + dir.resolve("db/oso-gateway")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "-Dgateway.schemas.installed-dir=" + installedSchemas, "-Dgateway.registry.file=" + registry,
                "-jar", v.jar().toString(), "serve"));
        Path log = logDir.resolve("startup-" + v.label() + "-" + run + ".log");
        String soapUrl = "http://127.0.0.1:" + soapPort + "/ws/oso/v1";
        String healthUrl = "http://127.0.0.1:" + cmd.stream().filter(s -> s.startsWith("-Dgateway.admin.port="))
                .findFirst().orElseThrow().substring("-Dgateway.admin.port=".length()) + "/health";
        GatewayCalls calls = new GatewayCalls(Files.readAllBytes(dossier));
        warmUp(calls);

        long forked = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long first = -1, working = -1, accepted = -1, health = -1;
        double cpuWorking = -1, cpuAccepted = -1;
        int unavailable = 0, attempt = 0;
        try {
            while ((accepted < 0 || health < 0) && p.isAlive() && System.nanoTime() - forked < GIVE_UP.toNanos()) {
                if (working < 0) {
                    String answer = checkConnection(calls, soapUrl);
                    if (answer != null) {
                        first = first < 0 ? since(forked) : first;
                        if (CONNECTION_ANSWER.matcher(answer).find()) {
                            working = since(forked);
                            cpuWorking = cpuSeconds(p.pid());
                        }
                    }
                } else if (accepted < 0) {
                    GatewayCalls.Answer d = calls.deliver(soapUrl, calls.request("startup-" + v.label() + "-" + run + "-" + ++attempt));
                    if (d != null && d.accepted()) {
                        accepted = since(forked);
                        cpuAccepted = cpuSeconds(p.pid());
                    } else if (d != null && "TEMPORARILY_UNAVAILABLE".equals(d.code())) {
                        unavailable++;
                    } else if (d != null) {
                        throw new IllegalStateException("DeliverDossier answered " + GatewayCalls.abbreviate(d.text()));
                    }
                }
                if (health < 0 && healthReady(calls, healthUrl)) {
                    health = since(forked);
                }
                Thread.sleep(working < 0 ? 20 : 100);
            }
            if (accepted < 0 || health < 0) {
                throw new IllegalStateException(v.label() + " run " + run + " was not ready within " + GIVE_UP
                        + (p.isAlive() ? "" : " (the gateway exited)") + "; its log: " + log);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, Long> phaseMs = new LinkedHashMap<>();
        Map<String, Long> phaseAt = new LinkedHashMap<>();
        Matcher m = PHASE.matcher(text);
        while (m.find()) {
            String name = m.group(1).replaceAll("\\s*\\[.*?]", ""); // the namespaces vary, the phase does not
            phaseMs.put(name, Long.parseLong(m.group(2)));
            phaseAt.put(name, Long.parseLong(m.group(3)));
        }
        Matcher c = COMPILED.matcher(text);
        while (c.find()) {
            phaseMs.put("compile " + c.group(1) + " " + Path.of(c.group(2)).getFileName(), Long.parseLong(c.group(3)));
        }
        boolean archiveUsed = v.archive() != null && Files.isReadable(v.archive())
                && !text.contains("Unable to use shared archive");
        return new Run(v.label(), run, first, working, accepted, health, unavailable, cpuWorking, cpuAccepted,
                archiveUsed, phaseMs, phaseAt);
    }

    /** The bench's own HTTP client classes are loaded before the clock runs. */
    private static void warmUp(GatewayCalls calls) {
        checkConnection(calls, "http://127.0.0.1:" + FreePorts.next() + "/ws/oso/v1");
    }

    /** The answer's text, or null when nothing answered (connection refused or reset). */
    private static String checkConnection(GatewayCalls calls, String url) {
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:CheckConnectionRequest><g:brin>01AB</g:brin></g:CheckConnectionRequest></soap:Body></soap:Envelope>";
        try {
            return calls.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean healthReady(GatewayCalls calls, String url) {
        try {
            return calls.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** User + system CPU of a process so far, from /proc (fields after the command name). */
    private double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clkTck;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, Object> summarize(List<Variant> variants, List<Run> all) {
        Map<String, Object> summary = new LinkedHashMap<>();
        System.out.println();
        System.out.printf("startup: %-15s %-28s %8s %8s %8s%n", "variant", "from the fork (ms)", "median", "min", "max");
        for (Variant v : variants) {
            List<Run> runs = all.stream().filter(r -> r.variant().equals(v.label())).toList();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("firstAnswerMs", row(v, "first answer", runs.stream().mapToDouble(Run::firstAnswerMs).toArray()));
            s.put("workingAnswerMs", row(v, "working answer (Check...)", runs.stream().mapToDouble(Run::workingAnswerMs).toArray()));
            s.put("dossierAcceptedMs", row(v, "first dossier accepted", runs.stream().mapToDouble(Run::acceptedMs).toArray()));
            s.put("healthReadyMs", row(v, "/health ready", runs.stream().mapToDouble(Run::healthReadyMs).toArray()));
            s.put("cpuAtWorkingAnswerS", row(v, "CPU s at working answer", runs.stream().mapToDouble(Run::cpuAtWorkingS).toArray()));
            s.put("cpuAtAcceptedS", row(v, "CPU s at dossier accepted", runs.stream().mapToDouble(Run::cpuAtAcceptedS).toArray()));
            s.put("archiveUsed", runs.stream().allMatch(Run::archiveUsed));
            Map<String, Object> phases = new LinkedHashMap<>();
            Map<String, List<Long>> ms = new TreeMap<>();
            Map<String, List<Long>> at = new LinkedHashMap<>();
            for (Run r : runs) {
                r.phaseMs().forEach((k, x) -> ms.computeIfAbsent(k, q -> new ArrayList<>()).add(x));
                r.phaseAtMs().forEach((k, x) -> at.computeIfAbsent(k, q -> new ArrayList<>()).add(x));
            }
            if (!ms.isEmpty()) {
                System.out.printf("startup: %s, where the time goes (medians; 'at' = since JVM start):%n", v.label());
            }
            // in the order the log has them: the phases with an 'at' first, then the compilations
            List<String> order = new ArrayList<>(at.keySet());
            ms.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
            for (String k : order) {
                double d = median(ms.get(k).stream().mapToDouble(Long::doubleValue).toArray());
                Double a = at.containsKey(k) ? median(at.get(k).stream().mapToDouble(Long::doubleValue).toArray()) : null;
                System.out.printf("startup:     %-75s %7.0f ms%s%n", k, d, a == null ? "" : String.format("  at %7.0f ms", a));
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("medianMs", d);
                if (a != null) {
                    p.put("medianAtMs", a);
                }
                phases.put(k, p);
            }
            s.put("phases", phases);
            summary.put(v.label(), s);
        }
        return summary;
    }

    private static Map<String, Double> row(Variant v, String what, double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("median", median(sorted));
        r.put("min", sorted[0]);
        r.put("max", sorted[sorted.length - 1]);
        System.out.printf("startup: %-15s %-28s %8.1f %8.1f %8.1f%n", v.label(), what, r.get("median"), r.get("min"), r.get("max"));
        return r;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Ports the OS hands out now; the gateway binds them a moment later. */
    private static final class FreePorts {
        static int next() {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}
