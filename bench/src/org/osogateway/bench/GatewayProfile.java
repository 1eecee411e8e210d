package org.osogateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --profile}: records the gateway with Java Flight Recorder (settings=profile, through jcmd) over the full-load
 * window, takes its CPU by thread group from /proc at both ends, and prints where its CPU per delivered dossier went:
 * the JVM's own threads (GC, JIT, JFR, VM) from /proc, the Java threads' share split by stage with {@link JfrStages}.
 */
final class GatewayProfile {

    private static final String RECORDING = "bench";

    private final long pid;
    private final Path dir;
    private final int clkTck;
    private Map<String, Long> threadsAtStart;
    private List<Map.Entry<String, Long>> threadTicks;
    private Path jfr;

    GatewayProfile(long pid, Path dir, int clkTck) {
        this.pid = pid;
        this.dir = dir;
        this.clkTck = clkTck;
    }

    /** Starts the recording (a second or so before the window: jcmd needs that long). */
    void startRecording() throws IOException {
        Files.createDirectories(dir);
        jcmd("JFR.start", "name=" + RECORDING, "settings=profile");
    }

    /** At the window's start, right after the process CPU sample. */
    void windowStarts() {
        threadsAtStart = ThreadGroupCpu.sample(pid);
    }

    /** At the window's end, right after the process CPU sample: thread CPU, then the recording is saved. */
    void windowEnds() throws IOException {
        threadTicks = ThreadGroupCpu.between(threadsAtStart, ThreadGroupCpu.sample(pid));
        Path file = dir.resolve("gateway.jfr");
        jcmd("JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
        jfr = Files.exists(file) ? file : null;
    }

    /**
     * Prints the stage breakdown and returns it for the JSON. {@code gatewayCpuMs} is the gateway's CPU ms per
     * dossier delivered in the window ({@code delivered}, over {@code seconds}).
     */
    Map<String, Object> report(double gatewayCpuMs, long delivered, double seconds) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        Map<ThreadGroupCpu.Kind, Long> kinds = ThreadGroupCpu.byKind(threadTicks);
        long allTicks = kinds.values().stream().mapToLong(Long::longValue).sum();
        double msPerTick = allTicks == 0 ? Double.NaN : gatewayCpuMs / allTicks;
        out.append(String.format(Locale.ROOT, "gateway CPU %.2f ms per delivered dossier (%d delivered in %.1f s), by kind of thread (/proc):%n",
                gatewayCpuMs, delivered, seconds));
        Map<String, Object> kindJson = new LinkedHashMap<>();
        kinds.forEach((kind, ticks) -> {
            out.append(String.format(Locale.ROOT, "  %-6s %6.2f ms/dossier  %5.1f%%%n", kind, ticks * msPerTick,
                    100.0 * ticks / Math.max(1, allTicks)));
            kindJson.put(kind.name(), round2(ticks * msPerTick));
        });
        json.put("cpuMsPerDossierByThreadKind", kindJson);
        double javaCpuMs = kinds.get(ThreadGroupCpu.Kind.JAVA) * msPerTick;
        if (jfr == null) {
            out.append("no JFR recording was saved (see the jcmd messages above)\n");
        } else {
            JfrStages.Breakdown b = JfrStages.analyze(jfr);
            out.append(String.format(Locale.ROOT, "Java threads' %.2f ms by stage (JFR execution and allocation samples, %s):%n",
                    javaCpuMs, jfr));
            out.append(JfrStages.table(b, javaCpuMs, delivered));
            json.put("jfr", jfr.toString());
            json.put("javaSamples", b.totalSamples());
            Map<String, Object> stages = new LinkedHashMap<>();
            for (JfrStages.Stage stage : JfrStages.Stage.values()) {
                long n = b.samples().getOrDefault(stage, 0L);
                double share = b.totalSamples() == 0 ? Double.NaN : (double) n / b.totalSamples();
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("samples", n);
                s.put("sharePct", round2(100 * share));
                s.put("cpuMsPerDossier", round2(share * javaCpuMs));
                s.put("allocatedMbPerDossier", delivered == 0 ? null
                        : round2(b.allocatedBytes().getOrDefault(stage, 0L) / 1e6 / delivered));
                stages.put(stage.label, s);
            }
            json.put("stages", stages);
        }
        out.append(String.format(Locale.ROOT, "gateway CPU by thread group over %.1f s of the full-load window (%% of one core):%n", seconds));
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : threadTicks) {
            double pct = 100.0 * e.getValue() / clkTck / seconds;
            if (pct >= 0.5) {
                out.append(String.format(Locale.ROOT, "  %6.1f  %s%n", pct, e.getKey()));
                groups.put(e.getKey(), round2(pct));
            }
        }
        json.put("threadGroupsPctOfOneCore", groups);
        Files.writeString(dir.resolve("stages.txt"), out.toString());
        System.out.print(out);
        return json;
    }

    private void jcmd(String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || output.contains("Could not") || output.contains("failed")) {
                System.err.println("bench: " + String.join(" ", command) + " answered: " + output.strip());
            }
        } catch (IOException e) {
            System.err.println("bench: jcmd " + String.join(" ", command) + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Double round2(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
