package org.osogateway.mock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.osogateway.json.BindingErrors;

/**
 * Reads a mock-las scenario YAML file into a {@link MockLasScenario}. Unknown keys are refused by name; every
 * error starts with the file and the key's path, e.g. {@code scenario.yaml: rules[1].status: must be 100..599}.
 */
public final class ScenarioFile {

    static final Duration DEFAULT_HANG_MAX = Duration.ofMinutes(5);
    static final int DEFAULT_HANG_MAX_CALLS = 10;
    private static final List<String> ANSWERS = List.of("received", "fault", "status", "hang");

    // The file's shape; Jackson refuses any key these records do not have.
    record FileYaml(HttpsYaml https, HangYaml hang, List<RuleYaml> rules) {
    }

    record HttpsYaml(Integer port, String keystore, String keystorePassword, String keystoreType, String truststore,
                     String truststorePassword, String truststoreType, Boolean needClientAuth) {
    }

    record HangYaml(Integer maxSeconds, Integer maxCalls) {
    }

    record RuleYaml(List<String> brins, Integer failFirst, String answer, Integer status, String faultCode,
                    Integer retryAfterSeconds, Long delayMs) {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ScenarioFile() {
    }

    /** Reads and checks the file; relative keystore paths are taken from the file's folder. */
    public static MockLasScenario load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(yaml, file.toString(), folder);
    }

    /** Reads and checks scenario YAML; {@code sourceName} starts every error message. */
    public static MockLasScenario parse(String yaml, String sourceName, Path folder) {
        FileYaml parsed;
        try {
            // as a tree first: a file of only comments is "empty" to us, not a binding error
            JsonNode tree = MAPPER.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new InvalidScenarioException(List.of(sourceName + ": empty; it needs at least 'rules'"));
            }
            parsed = MAPPER.treeToValue(tree, FileYaml.class);
        } catch (JsonProcessingException e) {
            throw new InvalidScenarioException(List.of(sourceName + ": " + describe(e)));
        }
        Checker check = new Checker(sourceName);
        List<ScenarioRule> rules = rules(parsed.rules(), check);
        MockLasHttps https = parsed.https() == null ? null : https(parsed.https(), folder, check);
        Duration hangMax = DEFAULT_HANG_MAX;
        int hangMaxCalls = DEFAULT_HANG_MAX_CALLS;
        if (parsed.hang() != null) {
            if (parsed.hang().maxSeconds() != null) {
                check.atLeast("hang.maxSeconds", parsed.hang().maxSeconds(), 1);
                hangMax = Duration.ofSeconds(Math.max(1, parsed.hang().maxSeconds()));
            }
            if (parsed.hang().maxCalls() != null) {
                check.atLeast("hang.maxCalls", parsed.hang().maxCalls(), 1);
                hangMaxCalls = Math.max(1, parsed.hang().maxCalls());
            }
        }
        check.throwIfAny();
        return new MockLasScenario(sourceName, rules, https, hangMax, hangMaxCalls);
    }

    private static List<ScenarioRule> rules(List<RuleYaml> items, Checker check) {
        List<ScenarioRule> rules = new ArrayList<>();
        if (items == null || items.isEmpty()) {
            check.error("rules", "must list at least one rule");
            return rules;
        }
        for (int i = 0; i < items.size(); i++) {
            String at = "rules[" + i + "]";
            RuleYaml item = items.get(i);
            if (item == null) {
                check.error(at, "must be a mapping with at least 'answer'");
                continue;
            }
            ScenarioRule rule = rule(item, at, check);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** One rule, or null when it has errors (they are in {@code check}). */
    private static ScenarioRule rule(RuleYaml item, String at, Checker check) {
        int before = check.count();
        String answer = item.answer();
        if (answer == null) {
            check.error(at + ".answer", "missing (one of " + String.join(", ", ANSWERS) + ")");
        } else if (!ANSWERS.contains(answer)) {
            check.error(at + ".answer", "must be one of " + String.join(", ", ANSWERS) + ", not '" + answer + "'");
        }
        check.onlyWith(at + ".status", item.status(), "status".equals(answer), "answer: status");
        check.onlyWith(at + ".faultCode", item.faultCode(), "fault".equals(answer), "answer: fault");
        check.onlyWith(at + ".retryAfterSeconds", item.retryAfterSeconds(),
                "fault".equals(answer) || "status".equals(answer), "answer: fault or status");
        check.onlyWith(at + ".delayMs", item.delayMs(), !"hang".equals(answer), "an answer (a hanging call never gets one)");
        if ("status".equals(answer)) {
            if (item.status() == null) {
                check.error(at + ".status", "missing (answer: status needs it)");
            } else if (item.status() < 100 || item.status() > 599) {
                check.error(at + ".status", "must be 100..599");
            }
        }
        if ("fault".equals(answer)) {
            if (item.faultCode() == null) {
                check.error(at + ".faultCode", "missing (answer: fault needs Client or Server)");
            } else if (!item.faultCode().equals("Client") && !item.faultCode().equals("Server")) {
                check.error(at + ".faultCode", "must be Client or Server, not '" + item.faultCode() + "'");
            }
        }
        if (item.retryAfterSeconds() != null) {
            check.atLeast(at + ".retryAfterSeconds", item.retryAfterSeconds(), 0);
        }
        if (item.delayMs() != null && item.delayMs() < 0) {
            check.error(at + ".delayMs", "must not be negative");
        }
        if (item.failFirst() != null) {
            check.atLeast(at + ".failFirst", item.failFirst(), 1);
        }
        Set<String> brins = brins(item.brins(), at + ".brins", check);
        if (check.count() > before) {
            return null;
        }
        Duration retryAfter = item.retryAfterSeconds() == null ? null : Duration.ofSeconds(item.retryAfterSeconds());
        FailureMode failure = switch (answer) {
            case "fault" -> FailureMode.soapFault(item.faultCode(), retryAfter);
            case "status" -> FailureMode.httpStatus(item.status(), retryAfter);
            default -> null;
        };
        return new ScenarioRule(brins, item.failFirst() == null ? 0 : item.failFirst(), "hang".equals(answer), failure,
                Duration.ofMillis(item.delayMs() == null ? 0 : item.delayMs()));
    }

    private static Set<String> brins(List<String> items, String at, Checker check) {
        Set<String> brins = new LinkedHashSet<>();
        if (items == null) {
            return brins;
        }
        if (items.isEmpty()) {
            check.error(at, "must not be empty (leave it out to take every call)");
        }
        for (int i = 0; i < items.size(); i++) {
            String brin = items.get(i);
            if (brin == null || brin.isBlank()) {
                check.error(at + "[" + i + "]", "must not be blank");
            } else {
                brins.add(brin.trim());
            }
        }
        return brins;
    }

    private static MockLasHttps https(HttpsYaml h, Path folder, Checker check) {
        int before = check.count();
        if (h.port() == null) {
            check.error("https.port", "missing (0 = any free port)");
        } else if (h.port() < 0 || h.port() > 65535) {
            check.error("https.port", "must be 0..65535");
        }
        Path keystore = readable("https.keystore", h.keystore(), true, folder, check);
        Path truststore = readable("https.truststore", h.truststore(), false, folder, check);
        boolean needClientAuth = Boolean.TRUE.equals(h.needClientAuth());
        if (needClientAuth && h.truststore() == null) {
            check.error("https.needClientAuth", "needs https.truststore");
        }
        if (check.count() > before) {
            return null;
        }
        return new MockLasHttps(h.port(), keystore, h.keystorePassword(), h.keystoreType(), truststore,
                h.truststorePassword(), h.truststoreType(), needClientAuth);
    }

    private static Path readable(String key, String value, boolean required, Path folder, Checker check) {
        if (value == null) {
            if (required) {
                check.error(key, "missing");
            }
            return null;
        }
        Path path = folder == null ? Path.of(value) : folder.resolve(value);
        if (!Files.isReadable(path)) {
            check.error(key, "cannot read " + path);
        }
        return path;
    }

    /** A Jackson error as "path: what is wrong", with the path written as in the file (rules[1].status). */
    private static String describe(JsonProcessingException e) {
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            // the YAML parser's message spans lines with carets; keep its sentences and the line number
            String sentences = Arrays.stream(syntax.getOriginalMessage().split("\n"))
                    .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                    .collect(Collectors.joining("; "));
            return "not valid YAML: " + sentences
                    + (syntax.getLocation() == null ? "" : " (line " + syntax.getLocation().getLineNr() + ")");
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return e.getOriginalMessage();
        }
        String path = BindingErrors.path(mapping);
        String where = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return where + "unknown key (allowed: " + BindingErrors.names(unknown.getKnownPropertyIds()) + ")";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return where + "must be " + kind(mismatch.getTargetType());
        }
        return where + e.getOriginalMessage();
    }

    /** The YAML syntax error in this chain (binding wraps it when it happens inside a value), or null. */
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }



    private static String kind(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys to values";
    }

    /** Collects errors, each prefixed with the file and the key's path. */
    private static final class Checker {
        private final String source;
        private final List<String> errors = new ArrayList<>();

        Checker(String source) {
            this.source = source;
        }

        void error(String path, String message) {
            errors.add(source + ": " + path + ": " + message);
        }

        int count() {
            return errors.size();
        }

        void atLeast(String path, int value, int min) {
            if (value < min) {
                error(path, min == 0 ? "must not be negative" : "must be at least " + min);
            }
        }

        void onlyWith(String path, Object value, boolean allowed, String what) {
            if (value != null && !allowed) {
                error(path, "only with " + what);
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidScenarioException(errors);
            }
        }
    }
}
