package org.osogateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** One in-process run of the command line as the jar runs it: exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    /** A log line as logback.xml writes it: time, level, [thread], logger, message. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+ +[A-Z]+ +\\[([^\\]]*)\\] .*$");

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GatewayCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Like {@link #of}, but whatever else reaches System.out or System.err meanwhile (log lines) is output too. */
    static CliRun withSystemStreams(String... args) {
        // a gateway in this JVM (the tests start one) logs on its own threads meanwhile: those lines are not the
        // command's; the command's own log lines (of this thread) stay in, so tests still see them
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = GatewayCli.commandLine();
            cli.setOut(new PrintWriter(System.out, true));
            cli.setErr(new PrintWriter(System.err, true));
            int exit = cli.execute(args);
            String me = Thread.currentThread().getName();
            return new CliRun(exit, withoutOthersLogLines(o.toString(StandardCharsets.UTF_8), me),
                    withoutOthersLogLines(e.toString(StandardCharsets.UTF_8), me));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String withoutOthersLogLines(String text, String thread) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            Matcher m = LOG_LINE.matcher(line.stripTrailing());
            if (!m.matches() || m.group(1).equals(thread)) {
                kept.append(line);
            }
        }
        return kept.toString();
    }
}
