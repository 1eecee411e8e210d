package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osogateway.mock.MockLas;
import org.osogateway.support.TestGateway;

/** {@code send} names the user's own file: its path when it cannot be read, its lines for XML errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendCommandFileTest {
    static final Path SAMPLES = Path.of("src/test/resources/samples/send");
    MockLas las;
    TestGateway gateway;

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        gateway = TestGateway.start(Files.createTempDirectory("oso-cli-send"), las.endpoint().toString(), new Properties());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    CliRun send(Path file) {
        return CliRun.of("send", file.toString(), "--receiver", "01AB", "--url", gateway.soapUrl());
    }

    @Test
    void aMissingFileIsNamedWithTheParameter() {
        Path missing = SAMPLES.resolve("no-such-dossier.xml");
        CliRun r = send(missing);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("DOSSIER " + missing + ": no such file");
    }

    @Test
    void aMalformedFileIsRefusedWithItsOwnLineBeforeSending() {
        Path file = SAMPLES.resolve("malformed-dossier.xml");
        CliRun r = send(file);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains(file + ":17:17: The element type \"groep\" must be terminated by the matching end-tag \"</groep>\".");
        assertThat(las.received()).isEmpty();
    }

    @Test
    void aSchemaViolationIsToldAtTheLineOfTheFile() {
        Path file = SAMPLES.resolve("schema-invalid-dossier.xml");
        CliRun r = send(file);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("fault SCHEMA_VIOLATION");
        assertThat(r.err()).containsPattern("\n  " + java.util.regex.Pattern.quote(file + ":17:") + "\\d+: .*1 mei 2013");
    }
}
