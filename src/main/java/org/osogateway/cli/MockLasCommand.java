package org.osogateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.FastMockLas;
import org.osogateway.mock.InvalidScenarioException;
import org.osogateway.mock.MockLas;
import org.osogateway.mock.MockLasHttps;
import org.osogateway.mock.MockLasScenario;
import org.osogateway.mock.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mock-las}: runs a mock receiving LAS that accepts ReceiveDossier calls and shows what it received. */
@Command(name = "mock-las", mixinStandardHelpOptions = true,
        description = {
            "Runs a mock receiving LAS (ReceiveDossier, urn:oso-gateway:las:v1) at POST /las/oso/v1.",
            "By default it answers RECEIVED for the request's messageId; it can fail on demand.",
            "Behaviour can be changed while running: POST /mock/behaviour; received calls: GET /mock/received.",
            "With --scenario FILE it answers by the rules of a YAML scenario (see config/samples/mock-las-scenario.yaml).",
            "With --fast it only checks each dossier's hash and counts (for load tests)."
        })
public final class MockLasCommand implements Callable<Integer> {

    /** The two SOAP 1.1 fault codes a receiver answers with. */
    enum FaultCode { Client, Server }

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8089", description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--fail-first", paramLabel = "N",
            description = "Fail only the first N calls (with --status or --soap-fault; HTTP 503 if neither), then answer RECEIVED.")
    Integer failFirst;

    @Option(names = "--status", paramLabel = "CODE", description = "Answer this HTTP status instead of RECEIVED, e.g. 503.")
    Integer status;

    @Option(names = "--soap-fault", paramLabel = "Client|Server",
            description = "Answer a SOAP fault soap:Client or soap:Server (HTTP 500) instead of RECEIVED.")
    FaultCode soapFault;

    @Option(names = "--delay-ms", defaultValue = "0", description = "Wait this long before every answer. Default: ${DEFAULT-VALUE}.")
    long delayMs;

    @Option(names = "--retry-after", paramLabel = "SECONDS", description = "Send Retry-After with failure answers.")
    Integer retryAfter;

    @Option(names = "--keep-calls", defaultValue = "1000", description = "Received calls to list. Default: ${DEFAULT-VALUE}.")
    int keepCalls;

    @Option(names = "--keep-dossiers", defaultValue = "100",
            description = "Of those, how many keep their dossier XML. Default: ${DEFAULT-VALUE}.")
    int keepDossiers;

    @Option(names = "--threads", defaultValue = "50", description = "HTTP worker threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "Also listen for https on this port (0 = any free port); needs --keystore.")
    Integer httpsPort;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The server certificate and its key for https.")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", description = "Password of --keystore (and its key).")
    String keystorePassword;

    @Option(names = "--keystore-type", defaultValue = "PKCS12", description = "Type of --keystore. Default: ${DEFAULT-VALUE}.")
    String keystoreType;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "CA certificates a caller's client certificate must chain to (with --need-client-auth).")
    Path truststore;

    @Option(names = "--truststore-password", paramLabel = "PASSWORD", description = "Password of --truststore.")
    String truststorePassword;

    @Option(names = "--truststore-type", defaultValue = "PKCS12", description = "Type of --truststore. Default: ${DEFAULT-VALUE}.")
    String truststoreType;

    @Option(names = "--need-client-auth",
            description = "Refuse https callers without a client certificate from --truststore (mutual TLS).")
    boolean needClientAuth;

    @Option(names = "--fast",
            description = "For load tests: answer RECEIVED, check each dossier against its dossierSha256 and only count "
                    + "(GET /mock/received shows the counters); no failure modes, no recorded calls.")
    boolean fast;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Answer by the rules of this YAML scenario (failures by BRIN, fail first N, slow, hang, https).")
    Path scenario;

    /** The failure and recording options, which --fast has no use for. */
    private static final List<String> NOT_WITH_FAST = List.of("--fail-first", "--status", "--soap-fault", "--delay-ms",
            "--retry-after", "--keep-calls", "--keep-dossiers", "--scenario");

    /** The behaviour options a scenario file replaces. */
    private static final List<String> NOT_WITH_SCENARIO = List.of("--fail-first", "--status", "--soap-fault",
            "--delay-ms", "--retry-after");

    /** With --fast: validates the options, then starts the counting receiver; the caller stops it. */
    public FastMockLas startFast() {
        for (String option : NOT_WITH_FAST) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not combine with --fast");
            }
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        try {
            return new FastMockLas(port, https(), threads).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    /** Validates the options, then starts and configures the mock; the caller stops it. */
    public MockLas start() {
        if (scenario != null) {
            return startScenario();
        }
        if (status != null && soapFault != null) {
            throw new ParameterException(spec.commandLine(), "give --status or --soap-fault, not both");
        }
        if (status != null && (status < 100 || status > 599)) {
            throw new ParameterException(spec.commandLine(), "--status must be an HTTP status 100..599");
        }
        if (delayMs < 0 || (failFirst != null && failFirst < 0) || (retryAfter != null && retryAfter < 0)) {
            throw new ParameterException(spec.commandLine(), "--delay-ms, --fail-first and --retry-after must not be negative");
        }
        if (keepCalls < 1 || keepDossiers < 0 || keepDossiers > keepCalls) {
            throw new ParameterException(spec.commandLine(), "need --keep-calls >= 1 and 0 <= --keep-dossiers <= --keep-calls");
        }
        MockLas mock = new MockLas(port, https(), keepCalls, keepDossiers, threads, Clock.systemUTC());
        Duration retry = retryAfter == null ? null : Duration.ofSeconds(retryAfter);
        FailureMode mode = soapFault != null ? FailureMode.soapFault(soapFault.name(), retry)
                : status != null ? FailureMode.httpStatus(status, retry)
                : failFirst != null ? FailureMode.httpStatus(503, retry)
                : null;
        if (mode != null && failFirst != null) {
            mock.failFirst(failFirst, mode);
        } else if (mode != null) {
            mock.always(mode);
        }
        mock.delay(Duration.ofMillis(delayMs));
        return mock.start();
    }

    /** With --scenario: the file's rules, and its https settings unless given as options. */
    private MockLas startScenario() {
        for (String option : NOT_WITH_SCENARIO) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not combine with --scenario: "
                        + "put the behaviour in the scenario file");
            }
        }
        if (keepCalls < 1 || keepDossiers < 0 || keepDossiers > keepCalls) {
            throw new ParameterException(spec.commandLine(), "need --keep-calls >= 1 and 0 <= --keep-dossiers <= --keep-calls");
        }
        MockLasScenario rules;
        try {
            rules = ScenarioFile.load(scenario);
        } catch (InvalidScenarioException | UncheckedIOException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        MockLasHttps fromOptions = https();
        if (fromOptions != null && rules.https() != null) {
            throw new ParameterException(spec.commandLine(),
                    "--https-port and the scenario's https: give https in one place, not both");
        }
        MockLasHttps https = fromOptions != null ? fromOptions : rules.https();
        MockLas mock = new MockLas(port, https, keepCalls, keepDossiers, threads, Clock.systemUTC());
        return mock.scenario(rules).start();
    }

    /** The https settings, or null without --https-port. */
    private MockLasHttps https() {
        if (httpsPort == null) {
            if (keystore != null || truststore != null || needClientAuth) {
                throw new ParameterException(spec.commandLine(),
                        "--keystore, --truststore and --need-client-auth need --https-port");
            }
            return null;
        }
        if (httpsPort < 0 || keystore == null) {
            throw new ParameterException(spec.commandLine(), "--https-port needs a port >= 0 and --keystore");
        }
        if (needClientAuth && truststore == null) {
            throw new ParameterException(spec.commandLine(), "--need-client-auth needs --truststore");
        }
        for (Path file : truststore == null ? List.of(keystore) : List.of(keystore, truststore)) {
            if (!Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        return new MockLasHttps(httpsPort, keystore, keystorePassword, keystoreType, truststore, truststorePassword,
                truststoreType, needClientAuth);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (fast) {
            return runFast();
        }
        MockLas mock = start();
        PrintWriter out = spec.commandLine().getOut();
        String base = mock.baseUrl();
        out.println("mock-las listening on " + mock.endpoint() + " (SOAPAction urn:oso-gateway:las:v1:ReceiveDossier)");
        if (mock.httpsEnabled()) {
            out.println("and on " + mock.httpsEndpoint() + (mock.needsClientCertificate()
                    ? " (callers need a client certificate)" : ""));
        }
        if (mock.scenario().isPresent()) {
            MockLasScenario rules = mock.scenario().get();
            out.println("behaviour: scenario " + rules.source() + " (" + rules.rules().size() + " rules; "
                    + "a POST to /mock/behaviour replaces it, /mock/reset starts it again)");
        } else {
            out.println("behaviour: " + mock.failureMode().map(m -> m.label()
                    + (mock.failuresLeft() > 0 ? " for the first " + mock.failuresLeft() + " calls" : "")).orElse("answer RECEIVED")
                    + (delayMs > 0 ? ", delay " + delayMs + " ms" : ""));
        }
        out.println("received calls:   curl " + base + "/mock/received");
        out.println("a dossier:        curl " + base + "/mock/received/<messageId>/dossier");
        out.println("change behaviour: curl -X POST '" + base + "/mock/behaviour?status=503&retryAfter=60'  (empty POST = succeed)");
        return untilStopped(out, mock);
    }

    private Integer runFast() throws InterruptedException {
        FastMockLas mock = startFast();
        PrintWriter out = spec.commandLine().getOut();
        out.println("mock-las --fast listening on " + mock.endpoint()
                + (httpsPort == null ? "" : " and " + mock.httpsEndpoint() + (needClientAuth ? " (client certificate needed)" : "")));
        out.println("checks each dossier against its dossierSha256, answers RECEIVED, only counts");
        out.println("counters:         curl " + mock.baseUrl() + "/mock/received");
        return untilStopped(out, mock);
    }

    /** Says how to stop, then waits until the JVM is asked to end and stops the mock then. */
    private static Integer untilStopped(PrintWriter out, AutoCloseable mock) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                mock.close();
            } catch (Exception e) {
                // the JVM is ending anyway
            }
            stopped.countDown();
        }, "mock-las-shutdown"));
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }
}
