package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.mock.FastMockLas;
import org.osogateway.mock.MockLas;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code conformance receiver URL} against the project's mock-las: exit code, progress, reports. */
class ConformanceCommandTest {

    @Test
    void aHealthyReceiverPassesAndTheJunitCountsMatch(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("report.html");
        try (FastMockLas mock = new FastMockLas(0, null, 4).start()) {
            CliRun run = CliRun.of("conformance", "receiver", mock.endpoint().toString(), "--timeout", "10",
                    "--report-junit", junit.toString(), "--report-html", html.toString());
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.err()).contains("case 1 of 6: receive-demo-dossier").contains("case 6 of 6: answer-within-timeout");
            assertThat(run.out()).contains("6 of 6 cases passed");
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuite");
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("6");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(6);
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
        assertThat(Files.readString(html)).contains("receive-demo-dossier");
    }

    @Test
    void aReceiverIgnoringTheHashFailsExactlyThatCase(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("junit.xml");
        try (MockLas mock = new MockLas(0).start()) {
            CliRun run = CliRun.of("conformance", "receiver", mock.endpoint().toString(), "--timeout", "10",
                    "--report-junit", junit.toString(), "--report-html", dir.resolve("r.html").toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL refuse-wrong-hash: answered RECEIVED for a dossier that does not hash")
                    .contains("PASS receive-demo-dossier");
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("6");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo(
                String.valueOf(doc.getElementsByTagName("failure").getLength()));
        NodeList failures = doc.getElementsByTagName("failure");
        boolean hashCaseFailed = false;
        for (int i = 0; i < failures.getLength(); i++) {
            hashCaseFailed |= ((Element) failures.item(i).getParentNode()).getAttribute("name").equals("refuse-wrong-hash");
        }
        assertThat(hashCaseFailed).isTrue();
    }

    @Test
    void aReceiverAnswering503FailsTheReceiptCase(@TempDir Path dir) {
        try (MockLas mock = new MockLas(0).start()) {
            mock.httpStatus(503);
            CliRun run = CliRun.of("conformance", "receiver", mock.endpoint().toString(), "--timeout", "10",
                    "--report-html", dir.resolve("r.html").toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL receive-demo-dossier: expected HTTP 200 with a ReceiveDossierResponse");
        }
    }

    @Test
    void aCertificateOnPlainHttpIsRefused(@TempDir Path dir) {
        CliRun run = CliRun.of("conformance", "receiver", "http://127.0.0.1:1/las", "--cert", dir.resolve("x.p12").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--cert needs an https:// URL; got http://127.0.0.1:1/las");
    }
}
