package org.osogateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.osogateway.validation.SchemaCatalog;

/**
 * A real gateway (Camel Main with the project's routes and beans) on a random port with its own H2
 * file, the example registry pointed at a given mock LAS, and fast retries for tests.
 */
public final class TestGateway implements AutoCloseable {
    /** An extra property: true returns from {@link #start} before the dossier schemas are compiled. */
    public static final String NO_WAIT_FOR_SCHEMAS = "test.no-wait-for-schemas";

    private final Main main;
    private final int port;
    private final Path workDir;
    private final boolean tls;

    private TestGateway(Main main, int port, Path workDir, boolean tls) {
        this.main = main;
        this.port = port;
        this.workDir = workDir;
        this.tls = tls;
    }

    /**
     * The gateway.soap.tls.* settings for mutual TLS with the test PKI: its server keystore, its truststore (the
     * test CA only), client-auth need and its CRL; add them to the {@code extra} properties of {@link #start}.
     */
    public static Properties mutualTls(TestPki pki) {
        Properties p = new Properties();
        p.setProperty("gateway.soap.tls.enabled", "true");
        p.setProperty("gateway.soap.tls.keystore", pki.gatewayServerKeyStore().toString());
        p.setProperty("gateway.soap.tls.keystore-password", TestPki.PASSWORD);
        p.setProperty("gateway.soap.tls.truststore", pki.trustStore().toString());
        p.setProperty("gateway.soap.tls.truststore-password", TestPki.PASSWORD);
        p.setProperty("gateway.soap.tls.client-auth", "need");
        p.setProperty("gateway.soap.tls.crl-files", pki.crlFile().toString());
        return p;
    }

    /** Starts a gateway whose registry sends every delivery to {@code lasUrl}. */
    public static TestGateway start(Path workDir, String lasUrl, Properties extra) throws Exception {
        return start(workDir, lasUrl, freePort(), extra);
    }

    public static TestGateway start(Path workDir, String lasUrl, int port, Properties extra) throws Exception {
        Files.createDirectories(workDir);
        Path registry = workDir.resolve("registry.yaml");
        if (!Files.exists(registry)) {
            String yaml = Files.readString(Path.of("config/registry-example.yaml"))
                    .replace("http://localhost:8089/las/oso/v1", lasUrl);
            Files.writeString(registry, yaml);
        }
        Properties p = new Properties();
        p.setProperty("gateway.soap.host", "127.0.0.1");
        p.setProperty("gateway.soap.port", String.valueOf(port));
        p.setProperty("gateway.store.url", "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        p.setProperty("gateway.registry.file", registry.toString());
        p.setProperty("gateway.schemas.dirs", OfficialFiles.present()
                ? OfficialFiles.dir().resolve("2019.1") + "," + OfficialFiles.dir().resolve("2017.1") : "");
        p.setProperty("gateway.retry.initial-delay", "PT0.2S");
        p.setProperty("gateway.retry.max-delay", "PT1S");
        p.setProperty("gateway.retry.jitter", "0.0");
        p.setProperty("gateway.delivery.poll-interval-ms", "100");
        p.setProperty("gateway.delivery.response-timeout-ms", "3000");
        // the admin API's ops port: a free one, so gateways of parallel tests never collide
        p.setProperty("gateway.admin.port", String.valueOf(freePort()));
        p.setProperty("gateway.metrics.port", String.valueOf(freePort()));
        p.putAll(extra);
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:config/application.properties");
        main.setOverrideProperties(p);
        try {
            main.start();
            if (!Boolean.parseBoolean(p.getProperty(NO_WAIT_FOR_SCHEMAS))) {
                // tests send dossiers at once: they start where a load balancer would, once /health says ready
                main.getCamelContext().getRegistry().lookupByNameAndType("schemaCatalog", SchemaCatalog.class)
                        .whenCompiled().get(2, TimeUnit.MINUTES);
            }
        } catch (Exception | Error e) {
            main.shutdown(); // a gateway that refused to start leaves nothing running behind
            throw e;
        }
        return new TestGateway(main, port, workDir, Boolean.parseBoolean(p.getProperty("gateway.soap.tls.enabled")));
    }

    /** The SOAP endpoint; https:// when the gateway was started with gateway.soap.tls.enabled=true. */
    public String soapUrl() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port + "/ws/oso/v1";
    }

    /** The ops port's base URL (http://127.0.0.1:PORT), where /health is. */
    public String opsUrl() {
        return "http://127.0.0.1:" + context().getPropertiesComponent().resolveProperty("gateway.admin.port").orElseThrow();
    }

    public int port() {
        return port;
    }

    /** The admin API's base URL (http://127.0.0.1:PORT/admin). */
    public String adminUrl() {
        return opsUrl() + "/admin";
    }

    public Path workDir() {
        return workDir;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() throws Exception {
        main.stop();
        main.shutdown();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
