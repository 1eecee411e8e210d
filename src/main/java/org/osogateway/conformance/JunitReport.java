package org.osogateway.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Writes a run as JUnit XML (one testsuite, a testcase per case, a failure or skipped element with the reason), for CI tools. */
public final class JunitReport {

    private JunitReport() {
    }

    public static void write(ConformanceRun run, Path file) {
        Duration total = run.results().stream().map(CheckResult::elapsed).reduce(Duration.ZERO, Duration::plus);
        ReportFiles.write(file, "--report-junit", w -> {
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "oso-conformance-" + run.suite());
            w.writeAttribute("tests", Integer.toString(run.results().size()));
            w.writeAttribute("failures", Long.toString(run.failures()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", Long.toString(run.skipped()));
            w.writeAttribute("time", ReportFiles.seconds(total));
            w.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                    .format(run.startedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            w.writeCharacters("\n");
            w.writeStartElement("properties");
            w.writeEmptyElement("property");
            w.writeAttribute("name", "target");
            w.writeAttribute("value", run.target());
            w.writeEndElement();
            w.writeCharacters("\n");
            for (CheckResult r : run.results()) {
                w.writeStartElement("testcase");
                w.writeAttribute("classname", "oso.conformance." + run.suite());
                w.writeAttribute("name", r.name());
                w.writeAttribute("time", ReportFiles.seconds(r.elapsed()));
                if (r.passed()) {
                    w.writeStartElement("system-out");
                    w.writeCharacters(r.reason());
                    w.writeEndElement();
                } else if (r.skipped()) {
                    w.writeEmptyElement("skipped");
                    w.writeAttribute("message", r.reason());
                } else {
                    w.writeStartElement("failure");
                    w.writeAttribute("message", r.reason());
                    w.writeAttribute("type", "ConformanceFailure");
                    w.writeCharacters(r.reason());
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
        });
    }
}
