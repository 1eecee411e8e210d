package org.osogateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the gateway's Java CPU samples and allocations went, by stage of a dossier's path, from a JFR recording
 * (bench/run --profile; see bench/README.md "Profile").
 *
 * <p>The rule that assigns a stack (jdk.ExecutionSample, jdk.ObjectAllocationSample) to a stage:
 * <ol>
 *   <li>a TLS frame anywhere on the stack makes it TLS (its digests and ciphers are TLS's, not the dossier hash);</li>
 *   <li>else the innermost frame of a <em>specific</em> stage decides (canonicalization, XSD validation, business
 *       rules, hashing, store, delivery, logging): a parser's frames above StreamingCanonicalizer are
 *       canonicalization, xerces' frames below it are XSD validation, MessageDigest inside the store is hashing;</li>
 *   <li>else the innermost frame of a <em>framework</em> stage decides: SOAP/HTTP intake (Undertow, XNIO, CXF,
 *       Woodstox, the soap and intake packages) or Camel routing;</li>
 *   <li>else other (JDK-only stacks such as thread pools and NIO selectors, and anything not listed).</li>
 * </ol>
 * Stacks are cut at JFR's stack depth (64 frames by default); a stack cut short may miss its outer frames.
 */
public final class JfrStages {

    /** A stage and the class-name prefixes of its frames. */
    enum Stage {
        TLS("TLS", false, "sun.security.ssl.", "javax.crypto.", "com.sun.crypto.provider.", "javax.net.ssl.",
                "org.osogateway.tls.", "sun.security.util.", "sun.security.x509.", "sun.security.validator.",
                "sun.security.ec.", "sun.security.rsa."),
        CANONICALIZATION("canonicalization", false, "org.osogateway.validation.StreamingCanonicalizer",
                "org.osogateway.validation.Utf8Chunks", "org.osogateway.validation.DossierCanonicalizer",
                "org.osogateway.validation.CanonicalDossier", "org.osogateway.validation.AttachmentContentFilter",
                "org.apache.xml.security.c14n."),
        XSD("XSD validation", false, "org.apache.xerces.", "com.sun.org.apache.xerces.internal.",
                "org.osogateway.validation.StreamedValidation", "org.osogateway.validation.XsdHeader",
                "org.osogateway.validation.ViolationCollector", "org.osogateway.validation.SchemaCatalog"),
        RULES("business rules (Saxon)", false, "net.sf.saxon.", "org.osogateway.validation.BusinessRules",
                "org.osogateway.validation.RuleStylesheets"),
        HASHING("hashing (SHA-256)", false, "java.security.MessageDigest", "sun.security.provider.SHA",
                "sun.security.provider.DigestBase"),
        STORE("store (H2/JDBC, fsync)", false, "org.h2.", "org.osogateway.store.", "com.zaxxer.hikari.", "org.postgresql.",
                "java.sql.", "sun.nio.ch.FileDispatcherImpl.force", "sun.nio.ch.FileChannelImpl.force",
                "java.io.FileDescriptor.sync"),
        DELIVERY("delivery HTTP client", false, "org.apache.hc.", "org.apache.camel.component.http.",
                "org.osogateway.delivery."),
        LOGGING("logging", false, "org.apache.logging.", "ch.qos.logback.", "org.slf4j.", "org.osogateway.audit."),
        INTAKE("SOAP/HTTP intake", true, "io.undertow.", "org.xnio.", "org.jboss.xnio.", "org.apache.cxf.", "com.ctc.wstx.",
                "org.codehaus.stax2.", "org.osogateway.soap.", "org.osogateway.intake.", "jakarta.xml.ws.", "javax.xml.ws."),
        CAMEL("Camel routing", true, "org.apache.camel."),
        OTHER("other", true);

        final String label;
        final boolean framework;
        final String[] prefixes;

        Stage(String label, boolean framework, String... prefixes) {
            this.label = label;
            this.framework = framework;
            this.prefixes = prefixes;
        }

        /** Whether a frame of this class and method belongs to this stage (prefixes may name a method). */
        boolean matches(String classAndMethod) {
            for (String p : prefixes) {
                if (classAndMethod.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Per stage: CPU samples, and the bytes the allocation samples stand for. */
    record Breakdown(Map<Stage, Long> samples, Map<Stage, Long> allocatedBytes, long totalSamples, long totalAllocatedBytes) {
    }

    private JfrStages() {
    }

    /** Reads the recording and sorts its execution and allocation samples into stages. */
    static Breakdown analyze(Path recording) throws IOException {
        Map<Stage, Long> samples = new EnumMap<>(Stage.class);
        Map<Stage, Long> allocated = new EnumMap<>(Stage.class);
        long total = 0;
        long totalBytes = 0;
        Set<Long> sampledThreads = new HashSet<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    samples.merge(stageOf(e.getStackTrace()), 1L, Long::sum);
                    total++;
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    // a thread's first sample weighs all it allocated since its previous one, before the recording
                    if (sampledThreads.add(threadId(e))) {
                        continue;
                    }
                    long weight = e.getLong("weight");
                    allocated.merge(stageOf(e.getStackTrace()), weight, Long::sum);
                    totalBytes += weight;
                }
            }
        }
        return new Breakdown(samples, allocated, total, totalBytes);
    }

    private static long threadId(RecordedEvent e) {
        RecordedThread t = e.getThread();
        return t == null ? -1 : t.getId();
    }

    /** The stage of one stack, by the rule in the class comment. */
    static Stage stageOf(RecordedStackTrace stack) {
        if (stack == null) {
            return Stage.OTHER;
        }
        List<RecordedFrame> frames = stack.getFrames(); // innermost first
        String[] names = new String[frames.size()];
        for (int i = 0; i < names.length; i++) {
            RecordedFrame f = frames.get(i);
            names[i] = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        }
        return stageOf(names);
    }

    /** The stage of a stack given as class.method names, innermost first. */
    static Stage stageOf(String[] innermostFirst) {
        for (String frame : innermostFirst) {
            if (Stage.TLS.matches(frame)) {
                return Stage.TLS;
            }
        }
        Stage framework = null;
        for (String frame : innermostFirst) {
            for (Stage s : Stage.values()) {
                if (s == Stage.TLS || !s.matches(frame)) {
                    continue;
                }
                if (!s.framework) {
                    return s;
                }
                if (framework == null) {
                    framework = s;
                }
            }
        }
        return framework == null ? Stage.OTHER : framework;
    }

    /**
     * The table: per stage the share of CPU samples and its estimated CPU ms per delivered dossier (share times the
     * Java threads' CPU ms per dossier), and the allocated MB per dossier; {@code dossiers} were delivered in the
     * recorded window.
     */
    static String table(Breakdown b, double javaCpuMsPerDossier, long dossiers) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-26s %8s %8s %14s %12s%n",
                "stage", "samples", "share", "cpu ms/dossier", "MB/dossier"));
        for (Stage stage : Stage.values()) {
            long n = b.samples().getOrDefault(stage, 0L);
            long bytes = b.allocatedBytes().getOrDefault(stage, 0L);
            double share = b.totalSamples() == 0 ? Double.NaN : (double) n / b.totalSamples();
            s.append(String.format(Locale.ROOT, "%-26s %8d %7.1f%% %14.2f %12.3f%n", stage.label, n, 100 * share,
                    share * javaCpuMsPerDossier, dossiers == 0 ? Double.NaN : bytes / 1e6 / dossiers));
        }
        s.append(String.format(Locale.ROOT, "%-26s %8d %7.1f%% %14.2f %12.3f%n", "all Java threads", b.totalSamples(), 100.0,
                javaCpuMsPerDossier, dossiers == 0 ? Double.NaN : b.totalAllocatedBytes() / 1e6 / dossiers));
        return s.toString();
    }

    /** {@code JfrStages RECORDING.jfr [JAVA_CPU_MS_PER_DOSSIER DOSSIERS]}: prints the table of a saved recording. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: JfrStages RECORDING.jfr [JAVA_CPU_MS_PER_DOSSIER DOSSIERS]");
            System.exit(64);
        }
        Breakdown b = analyze(Path.of(args[0]));
        double ms = args.length == 3 ? Double.parseDouble(args[1]) : Double.NaN;
        long dossiers = args.length == 3 ? Long.parseLong(args[2]) : 0;
        System.out.print(table(b, ms, dossiers));
    }
}
