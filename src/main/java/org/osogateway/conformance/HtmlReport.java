package org.osogateway.conformance;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

/** Writes a run as a self-contained HTML page (no scripts, no external files); every text is escaped. */
public final class HtmlReport {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
            + ".pass{background:#e6f4e6}.fail{background:#fbe3e3}.skip{background:#f1f1f1}.verdict{font-weight:bold}";

    private HtmlReport() {
    }

    public static void write(ConformanceRun run, Path file) {
        ReportFiles.write(file, "--report-html", w -> {
            w.writeDTD("<!DOCTYPE html>");
            w.writeStartElement("html");
            w.writeAttribute("lang", "en");
            w.writeStartElement("head");
            w.writeEmptyElement("meta");
            w.writeAttribute("charset", "utf-8");
            element(w, "title", "OSO conformance report: " + run.suite());
            element(w, "style", STYLE);
            w.writeEndElement();
            w.writeStartElement("body");
            element(w, "h1", "OSO conformance report: " + run.suite());
            w.writeStartElement("p");
            w.writeCharacters("Checked: ");
            element(w, "code", run.target());
            w.writeCharacters(", started " + run.startedAt().truncatedTo(ChronoUnit.SECONDS) + ".");
            w.writeEndElement();
            w.writeStartElement("p");
            w.writeAttribute("class", "verdict " + (run.allPassed() ? "pass" : "fail"));
            w.writeCharacters((run.allPassed() ? "PASSED: " : "FAILED: ") + run.summary());
            w.writeEndElement();
            w.writeStartElement("table");
            w.writeStartElement("tr");
            for (String h : new String[] {"#", "case", "result", "reason", "seconds"}) {
                element(w, "th", h);
            }
            w.writeEndElement();
            int n = 0;
            for (CheckResult r : run.results()) {
                w.writeStartElement("tr");
                w.writeAttribute("class", r.passed() ? "pass" : r.skipped() ? "skip" : "fail");
                element(w, "td", Integer.toString(++n));
                element(w, "td", r.name());
                element(w, "td", r.passed() ? "pass" : r.skipped() ? "skipped" : "FAIL");
                element(w, "td", r.reason());
                element(w, "td", ReportFiles.seconds(r.elapsed()));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void element(javax.xml.stream.XMLStreamWriter w, String name, String text)
            throws javax.xml.stream.XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
