package org.osogateway.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.cli.MockLasCommand;
import org.osogateway.delivery.ReceiveDossierCall;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.support.TestPki;
import picocli.CommandLine;

/** The mock-las command's options; lives here so the mock test selection runs it. */
class MockLasCommandTest {

    private static MockLas startWith(String... args) {
        MockLasCommand command = new MockLasCommand();
        new CommandLine(command).parseArgs(args);
        return command.start();
    }

    @Test
    void optionsConfigureTheMock() throws Exception {
        try (MockLas mock = startWith("--port", "0", "--fail-first", "2", "--soap-fault", "Server", "--retry-after", "60",
                "--delay-ms", "5", "--keep-calls", "10", "--keep-dossiers", "2")) {
            assertThat(mock.isRunning()).isTrue();
            assertThat(mock.port()).isPositive();
            assertThat(mock.failuresLeft()).isEqualTo(2);
            assertThat(mock.failureMode()).contains(FailureMode.soapFault("Server", Duration.ofSeconds(60)));
            assertThat(mock.currentDelay()).isEqualTo(Duration.ofMillis(5));
            assertThat(mock.keepCalls()).isEqualTo(10);
            byte[] body = ReceiveDossierEnvelope.build(new ReceiveDossierCall("cli-1", "12AB", null, "34CD", null, "R",
                    "overstapdossier", 1, "00", "<x:d xmlns:x=\"urn:example:x\"/>".getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mock.endpoint())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("Retry-After")).contains("60");
        }
    }

    @Test
    void statusAloneFailsEveryCall() {
        try (MockLas mock = startWith("--port", "0", "--status", "429")) {
            assertThat(mock.failureMode()).contains(FailureMode.httpStatus(429));
            assertThat(mock.failuresLeft()).isEqualTo(-1);
        }
    }

    @Test
    void failFirstAloneMeans503() {
        try (MockLas mock = startWith("--port", "0", "--fail-first", "1")) {
            assertThat(mock.failureMode()).contains(FailureMode.httpStatus(503));
        }
    }

    @Test
    void noOptionsMeansReceivedOnPort8089ByDefault() {
        MockLasCommand command = new MockLasCommand();
        new CommandLine(command).parseArgs();
        CommandLine.Model.OptionSpec port = new CommandLine(command).getCommandSpec().findOption("--port");
        assertThat(port.defaultValue()).isEqualTo("8089");
    }

    @Test
    void conflictingOrInvalidOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MockLasCommand()).setErr(new PrintWriter(err));
        assertThat(cl.execute("--port", "0", "--status", "503", "--soap-fault", "Client")).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
        assertThat(new CommandLine(new MockLasCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--soap-fault", "Sometimes")).isEqualTo(2);
    }

    @Test
    void helpDescribesTheCommand() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new MockLasCommand()).setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("mock-las").contains("--fail-first").contains("--soap-fault").contains("/mock/received");
    }

    @Test
    void httpsOptionsDemandAClientCertificate(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create(dir);
        try (MockLas mock = startWith("--port", "0", "--https-port", "0", "--keystore", pki.lasServerKeyStore().toString(),
                "--keystore-password", TestPki.PASSWORD, "--truststore", pki.trustStore().toString(),
                "--truststore-password", TestPki.PASSWORD, "--need-client-auth")) {
            assertThat(mock.httpsEnabled()).isTrue();
            assertThat(mock.needsClientCertificate()).isTrue();
            HttpClient withCertificate = HttpClient.newBuilder().sslContext(pki.clientContext(pki.gatewayClientKeyStore())).build();
            HttpResponse<String> r = withCertificate.send(HttpRequest.newBuilder(
                    URI.create(mock.httpsBaseUrl() + "/mock/behaviour")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void incompleteHttpsOptionsAreUsageErrors(@TempDir Path dir) {
        String missing = dir.resolve("missing.p12").toString();
        assertThat(usageError("--https-port", "0")).contains("--https-port needs a port >= 0 and --keystore");
        assertThat(usageError("--keystore", missing)).contains("need --https-port");
        assertThat(usageError("--https-port", "0", "--keystore", missing, "--need-client-auth"))
                .contains("--need-client-auth needs --truststore");
        assertThat(usageError("--https-port", "0", "--keystore", missing)).contains("cannot read " + missing);
    }

    private static String usageError(String... args) {
        MockLasCommand command = new MockLasCommand();
        new CommandLine(command).parseArgs(args);
        try {
            command.start().stop();
            return "(started)";
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }
}
