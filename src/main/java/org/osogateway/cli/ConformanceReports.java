package org.osogateway.cli;

import java.nio.file.Path;
import org.osogateway.conformance.ConformanceRun;
import org.osogateway.conformance.HtmlReport;
import org.osogateway.conformance.JunitReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The report options of every conformance suite, and what ends a run: a line per case, the reports, the exit code. */
final class ConformanceReports {
    @Option(names = "--report-html", defaultValue = "conformance-report.html", paramLabel = "FILE",
            description = "HTML report (default ${DEFAULT-VALUE}).")
    Path reportHtml;
    @Option(names = "--report-junit", paramLabel = "FILE", description = "JUnit XML report (testsuite/testcase/failure).")
    Path reportJunit;

    /** Prints one PASS/FAIL/SKIP line per case and the summary, writes the reports; 0 only when every case passed. */
    int finish(CommandSpec spec, ConformanceRun run) {
        run.results().forEach(r -> spec.commandLine().getOut().printf("%s %s: %s%n",
                r.label(), r.name(), r.reason()));
        HtmlReport.write(run, reportHtml);
        if (reportJunit != null) {
            JunitReport.write(run, reportJunit);
        }
        spec.commandLine().getOut().println(run.summary());
        return run.allPassed() ? 0 : 1;
    }
}
