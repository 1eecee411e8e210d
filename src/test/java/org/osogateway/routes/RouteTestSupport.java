package org.osogateway.routes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.osogateway.mock.MockLas;
import org.osogateway.store.NewDossier;
import org.osogateway.support.TestGateway;

/**
 * Environment of the route tests: a mock LAS, a temp folder with the H2 file and a copy of the example registry pointing
 * at the mock, all handed to the real Camel Main configuration as system properties (they must exist before
 * GatewayConfiguration runs, so they cannot come from the test's own fields). Call {@link #start} in a static
 * {@code @BeforeAll} and {@link #stop} in a static {@code @AfterAll}.
 */
final class RouteTestSupport {
    static final String DEMO_NS = "urn:oso-gateway:demo:dossier:v1";

    static MockLas las;
    static Path workDir;
    static Path registryFile;
    private static final Map<String, String> SET = new LinkedHashMap<>();

    private RouteTestSupport() {
    }

    static void start(String name) throws Exception {
        las = new MockLas(0).start();
        workDir = Files.createTempDirectory("oso-route-" + name);
        registryFile = workDir.resolve("registry.yaml");
        Files.writeString(registryFile, registryYaml());
        set("gateway.soap.host", "127.0.0.1");
        set("gateway.soap.port", String.valueOf(TestGateway.freePort()));
        set("gateway.admin.port", String.valueOf(TestGateway.freePort()));
        set("gateway.metrics.port", String.valueOf(TestGateway.freePort()));
        set("gateway.store.url", "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        set("gateway.registry.file", registryFile.toString());
        set("gateway.schemas.dirs", "");
        set("gateway.retry.initial-delay", "PT0.2S");
        set("gateway.retry.max-delay", "PT1S");
        set("gateway.retry.jitter", "0.0");
        set("gateway.delivery.poll-interval-ms", "100");
        set("gateway.delivery.response-timeout-ms", "3000");
        set("gateway.instance-id", "route-test-" + name);
    }

    static void stop() throws Exception {
        SET.keySet().forEach(System::clearProperty);
        SET.clear();
        if (las != null) {
            las.stop();
            las = null;
        }
    }

    private static void set(String key, String value) {
        System.setProperty(key, value);
        SET.put(key, value);
    }

    /** The example registry with every endpoint URL pointing at the mock LAS. */
    static String registryYaml() throws Exception {
        return Files.readString(Path.of("config/registry-example.yaml"))
                .replace("http://localhost:8089/las/oso/v1", las.endpoint().toString());
    }

    /** The registry with the mandates and endpoints of receiver 01AB ended on 2024-06-30. */
    static String registryYamlWith01abMandateEnded() throws Exception {
        String yaml = registryYaml();
        int from = yaml.indexOf("  - brin: 01AB");
        int to = yaml.indexOf("  - brin: 02CD");
        String block = yaml.substring(from, to).replace("validFrom: 2020-01-01", "validFrom: 2020-01-01, validTo: 2024-06-30");
        return yaml.substring(0, from) + block + yaml.substring(to);
    }

    /** A well-formed demo dossier (already in canonical form) from 00YY to 01AB, as the intake would store it. */
    static NewDossier dossier(String messageId) {
        byte[] bytes = ("<dossier xmlns=\"" + DEMO_NS + "\"><id>" + messageId + "</id></dossier>")
                .getBytes(StandardCharsets.UTF_8);
        return new NewDossier(messageId, "00YY", "00", null, null, "01AB", null, null, "0000000700001AB00001",
                "overstapdossier", DEMO_NS,
                sha256(bytes), bytes, "schema " + DEMO_NS, "routeringskenmerk 0000000700001AB00001", "corr-" + messageId);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant now() {
        return Instant.now();
    }

    static String instanceId(CamelContext context) {
        return context.resolvePropertyPlaceholders("{{gateway.instance-id}}");
    }
}
