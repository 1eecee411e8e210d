package org.osogateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.mock.FastMockLas;
import org.osogateway.mock.MockLas;
import org.w3c.dom.Document;

/** The receiver cases against the project's own mock receivers, and the reports they write. */
class ReceiverChecksTest {

    private static final ReceiverChecks.Addressing TO_01AB =
            new ReceiverChecks.Addressing("00YY", "01AB", "0000000700001AB00001", "overstapdossier");

    private static ConformanceRun runAgainst(java.net.URI url, Duration timeout) {
        ReceiverClient client = new ReceiverClient(url, null, timeout);
        return new ReceiverChecks(client, TO_01AB, Clock.systemUTC()).run(List.of(new DemoDossiers().builtIn()), Progress.NONE);
    }

    private static Map<String, Boolean> verdicts(ConformanceRun run) {
        return run.results().stream().collect(Collectors.toMap(CheckResult::name, CheckResult::passed));
    }

    @Test
    void aReceiverThatChecksTheHashPassesEveryCase() throws Exception {
        try (FastMockLas mock = new FastMockLas(0, null, 4).start()) {
            ConformanceRun run = runAgainst(mock.endpoint(), Duration.ofSeconds(10));
            assertThat(run.results()).hasSize(ReceiverChecks.caseCount(1));
            assertThat(run.results()).allSatisfy(r -> assertThat(r.passed()).as(r.name() + ": " + r.reason()).isTrue());
            assertThat(run.allPassed()).isTrue();
        }
    }

    @Test
    void aReceiverThatIgnoresTheHashFailsTheHashCaseOnly() {
        try (MockLas mock = new MockLas(0).start()) {
            ConformanceRun run = runAgainst(mock.endpoint(), Duration.ofSeconds(10));
            Map<String, Boolean> v = verdicts(run);
            assertThat(v).containsEntry("receive-demo-dossier", true).containsEntry(ReceiverChecks.REPEAT, true)
                    .containsEntry(ReceiverChecks.WRONG_HASH, false).containsEntry(ReceiverChecks.IN_TIME, true);
            assertThat(run.results().stream().filter(r -> r.name().equals(ReceiverChecks.WRONG_HASH)).findFirst().orElseThrow()
                    .reason()).startsWith("answered RECEIVED for a dossier that does not hash to its dossierSha256");
            assertThat(run.allPassed()).isFalse();
        }
    }

    @Test
    void aSlowReceiverFailsTheTimeoutCase() {
        try (MockLas mock = new MockLas(0).start()) {
            mock.delay(Duration.ofMillis(1500));
            ConformanceRun run = runAgainst(mock.endpoint(), Duration.ofMillis(500));
            CheckResult inTime = run.results().get(run.results().size() - 1);
            assertThat(inTime.name()).isEqualTo(ReceiverChecks.IN_TIME);
            assertThat(inTime.passed()).isFalse();
            assertThat(inTime.reason()).isEqualTo("4 of 4 calls got no complete answer within 500 ms (the gateway gives up and retries later)");
        }
    }

    @Test
    void reportsAreWellFormedAndEscaped(@TempDir Path dir) throws Exception {
        ConformanceRun run = new ConformanceRun("receiver", "http://localhost:1/<las>&", java.time.Instant.EPOCH, List.of(
                CheckResult.pass("a", "fine", Duration.ofMillis(5)),
                CheckResult.fail("b", "got <script>alert(1)</script> & \"more\"", Duration.ofMillis(7))));
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("report.html");
        JunitReport.write(run, junit);
        HtmlReport.write(run, html);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(junit.toFile());
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).isEqualTo("got <script>alert(1)</script> & \"more\"");
        String page = Files.readString(html);
        assertThat(page).doesNotContain("<script>").contains("got &lt;script>alert(1)&lt;/script> &amp;")
                .contains("http://localhost:1/&lt;las>&amp;").contains("FAILED: ");
    }
}
