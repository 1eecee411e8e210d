package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.support.TestGateway;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** {@code conformance sender FILE...} on the saved sample requests: verdict lines, exit code, progress, reports. */
class SenderConformanceCommandTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples/conformance");

    @Test
    void aGoodRequestWithItsRightHashPassesEveryCase(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("junit.xml");
        CliRun run = CliRun.of("conformance", "sender", SAMPLES.resolve("valid-deliver-request.xml").toString(),
                "--report-junit", junit.toString(), "--report-html", dir.resolve("r.html").toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("request 1 of 1: valid-deliver-request.xml");
        assertThat(run.out()).contains("valid-deliver-request.xml: the gateway answers ACCEPTED (messageId "
                        + "6f1c2b0e-7a4d-4c3e-9b1a-2d5e8f0a1b01, dossierSha256 ff8f3408")
                .contains("PASS valid-deliver-request.xml: dossier-sha256: the LAS's own dossierSha256 equals the gateway's")
                .contains("PASS valid-deliver-request.xml: routing: sender school 00YY may send")
                .contains("SKIP valid-deliver-request.xml: sender-authorization: not run:")
                .contains("9 of 10 cases passed, 1 skipped");
        assertThat(run.err()).contains("routing by the registry classpath:config/registry-example.yaml; no --supplier-oin");
        Document doc = parse(junit);
        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo("oso-conformance-sender");
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("10");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1")
                .isEqualTo(String.valueOf(doc.getElementsByTagName("skipped").getLength()));
    }

    @Test
    void theSampleFolderGetsOneVerdictPerRequestAndTheJunitCountsMatch(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("conformance", "sender", SAMPLES.toString(), "--report-junit", junit.toString(),
                "--report-html", html.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("request 1 of 14: invalid-dossier-bad-date.xml")
                .contains("request 14 of 14: valid-deliver-request.xml");
        assertThat(run.out())
                .contains("invalid-malformed.xml: the gateway answers soap:Client MALFORMED_REQUEST: The XML is not well-formed (line 10, column")
                .contains("FAIL invalid-dossier-bad-date.xml: dossier-schema: the gateway answers soap:Client SCHEMA_VIOLATION")
                .contains("FAIL invalid-request-bad-brin.xml: request-schema: the gateway answers soap:Client SCHEMA_VIOLATION")
                .contains("FAIL invalid-soap12-envelope.xml: soap11-envelope: the gateway answers soap:Client MALFORMED_REQUEST")
                .contains("FAIL invalid-sender-not-current-school.xml: envelope-consistency: the gateway answers soap:Client "
                        + "BUSINESS_RULE_VIOLATION")
                .contains("FAIL invalid-wrong-hash.xml: dossier-sha256: the LAS computed dossierSha256 0f8f3408")
                .contains("FAIL invalid-route-no-agreement.xml: routing: the gateway answers soap:Client NO_AGREEMENT")
                .contains("FAIL invalid-endpoint-not-for-soort.xml: envelope-consistency: the gateway answers soap:Client "
                        + "BUSINESS_RULE_VIOLATION")
                .contains("invalid-wrong-hash.xml: the gateway answers ACCEPTED")
                .contains("valid-deliver-request.xml: the gateway answers ACCEPTED");
        Document doc = parse(junit);
        NodeList cases = doc.getElementsByTagName("testcase");
        NodeList failures = doc.getElementsByTagName("failure");
        // bad-date 5 cases, endpoint-not-for-soort 8, malformed 1, bad-brin 3, six routing faults 7 each, sender 8,
        // soap12 2, wrong-hash 10, valid 10
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("89").isEqualTo(String.valueOf(cases.getLength()));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("13")
                .isEqualTo(String.valueOf(failures.getLength()));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < failures.getLength(); i++) {
            failed.add(((Element) failures.item(i).getParentNode()).getAttribute("name"));
        }
        assertThat(failed).containsExactly("invalid-dossier-bad-date.xml: dossier-schema",
                "invalid-endpoint-not-for-soort.xml: envelope-consistency", "invalid-malformed.xml: well-formed-xml",
                "invalid-request-bad-brin.xml: request-schema", "invalid-route-ambiguous.xml: routing",
                "invalid-route-no-agreement.xml: routing", "invalid-route-no-endpoint.xml: routing",
                "invalid-route-no-mandate.xml: routing", "invalid-route-unknown-receiver.xml: routing",
                "invalid-route-unknown-sender.xml: routing", "invalid-sender-not-current-school.xml: envelope-consistency",
                "invalid-soap12-envelope.xml: soap11-envelope", "invalid-wrong-hash.xml: dossier-sha256");
        assertThat(run.out()).contains("sender 14 request files: 65 of 89 cases passed, 13 failed, 11 skipped");
        assertThat(Files.readString(html)).contains("invalid-malformed.xml: well-formed-xml").contains("FAILED: ");
    }

    @Test
    void listeningItAnswersTheLasAndWritesTheReportsAfterCountRequests(@TempDir Path dir) throws Exception {
        int port = TestGateway.freePort();
        Path junit = dir.resolve("junit.xml");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of("conformance", "sender",
                "--listen", String.valueOf(port), "--count", "2", "--report-junit", junit.toString(),
                "--report-html", dir.resolve("r.html").toString()));
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/ws/oso/v1");
        HttpResponse<String> accepted = postWhenListening(endpoint, Files.readAllBytes(SAMPLES.resolve("valid-deliver-request.xml")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("<status>ACCEPTED</status>");
        HttpResponse<String> refused = postWhenListening(endpoint, Files.readAllBytes(SAMPLES.resolve("invalid-malformed.xml")));
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("<code>MALFORMED_REQUEST</code>").contains("<line>10</line>");

        CliRun run = running.get(30, TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("listening on http://127.0.0.1:" + port + "/ws/oso/v1 for 2 request(s)")
                .contains("request-1 checked: 9 of 10 cases passed, 1 skipped").contains("request-2 checked: failed at request-2: well-formed-xml");
        assertThat(run.out()).contains("request-1: the gateway answers ACCEPTED")
                .contains("request-2: the gateway answers soap:Client MALFORMED_REQUEST")
                .contains("requests to port " + port + ": 10 of 12 cases passed, 1 failed, 1 skipped");
        Document doc = parse(junit);
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("12");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void theSupplierOinAndTheRegistryFileDecideAuthorizationAndRouting(@TempDir Path dir) throws Exception {
        String valid = SAMPLES.resolve("valid-deliver-request.xml").toString();
        CliRun mandated = CliRun.of("conformance", "sender", valid, "--supplier-oin", "00000003000000000001",
                "--report-html", dir.resolve("a.html").toString());
        assertThat(mandated.exit()).as(mandated.out() + mandated.err()).isZero();
        assertThat(mandated.out()).contains("PASS valid-deliver-request.xml: sender-authorization: supplier 00000003000000000001")
                .contains("10 of 10 cases passed");

        CliRun other = CliRun.of("conformance", "sender", valid, "--supplier-oin", "00000003000000000002",
                "--report-html", dir.resolve("b.html").toString());
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).contains("FAIL valid-deliver-request.xml: sender-authorization: the gateway answers "
                + "soap:Client SENDER_NOT_AUTHORIZED");

        // a registry without 01AB: the same request cannot be routed
        Path registry = dir.resolve("registry.yaml");
        Files.writeString(registry, Files.readString(Path.of("config/registry-example.yaml"))
                .replaceAll("(?s)  - brin: 01AB.*?(?=  - brin: 02CD)", ""));
        CliRun unrouted = CliRun.of("conformance", "sender", valid, "--registry", registry.toString(),
                "--report-html", dir.resolve("c.html").toString());
        assertThat(unrouted.exit()).isEqualTo(1);
        assertThat(unrouted.err()).contains("routing by the registry " + registry);
        assertThat(unrouted.out()).contains("FAIL valid-deliver-request.xml: routing: the gateway answers soap:Client "
                + "UNKNOWN_SCHOOL: receiver school 01AB is not in the registry");

        Files.writeString(registry, "schools: [");
        assertThat(CliRun.of("conformance", "sender", valid, "--registry", registry.toString()).exit()).isEqualTo(2);
        CliRun badOin = CliRun.of("conformance", "sender", valid, "--supplier-oin", "123");
        assertThat(badOin.exit()).isEqualTo(2);
        assertThat(badOin.err()).contains("--supplier-oin must be an OIN of 20 digits");
    }

    @Test
    void listeningOnPortZeroReportsThePortItBound(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("junit.xml");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GatewayCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cli.execute("conformance", "sender",
                "--listen", "0", "--count", "1", "--report-junit", junit.toString(), "--report-html", dir.resolve("r.html").toString()));
        Matcher listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/ws/oso/v1)").matcher("");
        for (int i = 0; i < 300 && !listening.reset(err.toString()).find(); i++) {
            Thread.sleep(100);
        }
        assertThat(listening.reset(err.toString()).find()).as(err.toString()).isTrue();
        String port = listening.group(2);
        assertThat(port).isNotEqualTo("0");
        assertThat(postWhenListening(URI.create(listening.group(1)),
                Files.readAllBytes(SAMPLES.resolve("valid-deliver-request.xml"))).statusCode()).isEqualTo(200);

        assertThat(running.get(30, TimeUnit.SECONDS)).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("requests to port " + port + ": ").doesNotContain("requests to port 0");
        Element target = (Element) parse(junit).getElementsByTagName("property").item(0);
        assertThat(target.getAttribute("value")).isEqualTo("requests to port " + port);
    }

    @Test
    void filesAndListenTogetherAreABadOption() {
        CliRun run = CliRun.of("conformance", "sender", "--listen", "0", SAMPLES.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("give request FILEs or --listen, not both");
        assertThat(CliRun.of("conformance", "sender", "--count", "2", SAMPLES.toString()).exit()).isEqualTo(2);
    }

    /** Posts as a LAS would, trying again while the command is still starting to listen. */
    private static HttpResponse<String> postWhenListening(URI endpoint, byte[] body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                if (attempt > 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void noFileIsABadOption() {
        CliRun run = CliRun.of("conformance", "sender");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("give at least one request FILE");
    }

    @Test
    void aMissingFileIsABadOption(@TempDir Path dir) {
        CliRun run = CliRun.of("conformance", "sender", dir.resolve("absent.xml").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("absent.xml: cannot read the file");
    }

    private static Document parse(Path junit) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    }
}
