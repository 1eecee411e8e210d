package org.osogateway.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading scenario files: the sample parses; unknown keys and bad values are named with file and path. */
class ScenarioFileTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples/mock-las-scenario");

    private static InvalidScenarioException refused(String yaml) {
        try {
            ScenarioFile.parse(yaml, "scenario.yaml", null);
        } catch (InvalidScenarioException e) {
            return e;
        }
        throw new AssertionError("expected the scenario to be refused:\n" + yaml);
    }

    @Test
    void theCommentedSampleParses() {
        MockLasScenario scenario = ScenarioFile.load(Path.of("config/samples/mock-las-scenario.yaml"));
        assertThat(scenario.rules()).hasSize(4);
        ScenarioRule first = scenario.rules().get(0);
        assertThat(first.brins()).containsExactly("99XX");
        assertThat(first.failure()).isEqualTo(FailureMode.soapFault("Client"));
        assertThat(scenario.rules().get(1).hang()).isTrue();
        assertThat(scenario.rules().get(2).failFirst()).isEqualTo(3);
        assertThat(scenario.rules().get(2).failure()).isEqualTo(FailureMode.httpStatus(503, Duration.ofSeconds(10)));
        assertThat(scenario.rules().get(3).delay()).isEqualTo(Duration.ofMillis(2000));
        assertThat(scenario.hangMax()).isEqualTo(Duration.ofSeconds(120));
        assertThat(scenario.hangMaxCalls()).isEqualTo(10);
        assertThat(scenario.https()).isNull();
    }

    @Test
    void anUnknownKeyIsNamedWithTheFileAndItsPath() {
        Path file = SAMPLES.resolve("invalid-unknown-key.yaml");
        assertThatThrownBy(() -> ScenarioFile.load(file))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage(file + ": rules[1].faultcode: unknown key (allowed: answer, brins, delayMs, failFirst, "
                        + "faultCode, retryAfterSeconds, status)");
        assertThat(refused("rule: []\n").getMessage()).startsWith("scenario.yaml: rule: unknown key (allowed: hang, https, rules)");
        assertThat(refused("https: {port: 1, keystor: x}\nrules: [{answer: received}]\n").getMessage())
                .startsWith("scenario.yaml: https.keystor: unknown key");
    }

    @Test
    void everyBadValueIsNamedAtOnce() {
        Path file = SAMPLES.resolve("invalid-status.yaml");
        assertThatThrownBy(() -> ScenarioFile.load(file))
                .isInstanceOfSatisfying(InvalidScenarioException.class, e -> assertThat(e.errors()).containsExactly(
                        file + ": rules[0].status: only with answer: status",
                        file + ": rules[1].status: must be 100..599",
                        file + ": rules[2].delayMs: must not be negative"));
    }

    @Test
    void missingAndWrongValuesAreExplained() {
        assertThat(refused("rules: []\n").errors()).containsExactly("scenario.yaml: rules: must list at least one rule");
        assertThat(refused("rules: [{answer: sometimes}]\n").getMessage())
                .isEqualTo("scenario.yaml: rules[0].answer: must be one of received, fault, status, hang, not 'sometimes'");
        assertThat(refused("rules: [{answer: status}]\n").getMessage())
                .isEqualTo("scenario.yaml: rules[0].status: missing (answer: status needs it)");
        assertThat(refused("rules: [{answer: fault, faultCode: Sometimes}]\n").getMessage())
                .isEqualTo("scenario.yaml: rules[0].faultCode: must be Client or Server, not 'Sometimes'");
        assertThat(refused("rules: [{answer: status, status: abc}]\n").getMessage())
                .isEqualTo("scenario.yaml: rules[0].status: must be a whole number");
        assertThat(refused("rules: [{answer: hang, delayMs: 5}]\n").getMessage()).contains("rules[0].delayMs: only with");
        assertThat(refused("rules: [{answer: received, failFirst: 0, brins: []}]\n").errors()).containsExactly(
                "scenario.yaml: rules[0].failFirst: must be at least 1",
                "scenario.yaml: rules[0].brins: must not be empty (leave it out to take every call)");
        assertThat(refused("rules: [{answer: received}\n").getMessage())
                .isEqualTo("scenario.yaml: not valid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end> (line 1)");
        assertThat(refused("rules: [{answer: received}]\nrules: []\n").getMessage())
                .startsWith("scenario.yaml: not valid YAML: Duplicate field 'rules'");
        assertThat(refused("# only a comment\n").getMessage()).isEqualTo("scenario.yaml: empty; it needs at least 'rules'");
        assertThat(refused("").getMessage()).isEqualTo("scenario.yaml: empty; it needs at least 'rules'");
    }

    @Test
    void httpsKeystoresAreTakenFromTheFilesFolderAndMustBeReadable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("server.p12"), "not really a keystore");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "https: {port: 0, keystore: server.p12, keystorePassword: pw}\nrules: [{answer: received}]\n");
        MockLasHttps https = ScenarioFile.load(file).https();
        assertThat(https.keystore()).isEqualTo(dir.resolve("server.p12"));
        assertThat(https.keystorePassword()).isEqualTo("pw");
        assertThat(https.needClientAuth()).isFalse();

        Files.writeString(file, "https: {port: 0, keystore: gone.p12, needClientAuth: true}\nrules: [{answer: received}]\n");
        assertThatThrownBy(() -> ScenarioFile.load(file))
                .isInstanceOfSatisfying(InvalidScenarioException.class, e -> assertThat(e.errors()).containsExactly(
                        file + ": https.keystore: cannot read " + dir.resolve("gone.p12"),
                        file + ": https.needClientAuth: needs https.truststore"));
    }

    @Test
    void rulesKeepTheirBrinsAndFailFirst() {
        MockLasScenario scenario = ScenarioFile.load(SAMPLES.resolve("valid-brins.yaml"));
        assertThat(scenario.rules()).extracting(ScenarioRule::brins)
                .containsExactly(Set.of("99XX"), Set.of("98XX"), Set.of(), Set.of());
        assertThat(scenario.hangMaxCalls()).isEqualTo(2);
    }
}
