package org.osogateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osogateway.cli.GatewayCli;

/**
 * The training start behind the class-data sharing archive (the Maven build runs it under
 * {@code -XX:ArchiveClassesAtExit}): the gateway as {@code serve} starts it, in the working folder on a throw-away
 * store, answers each SOAP operation and /health once, and exits, so the archive holds the classes of the start and
 * of the first answers. Deliveries go to a port nobody listens on.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        int soapPort = freePort();
        int opsPort = freePort();
        Path registry = Path.of("registry-training.yaml").toAbsolutePath();
        Files.writeString(registry, resource("config/registry-example.yaml")
                .replace("http://localhost:8089", "http://localhost:" + freePort()));
        System.setProperty("gateway.soap.port", String.valueOf(soapPort));
        System.setProperty("gateway.admin.port", String.valueOf(opsPort));
        System.setProperty("gateway.metrics.port", String.valueOf(freePort()));
        System.setProperty("gateway.registry.file", registry.toString());
        Thread client = new Thread(() -> {
            int status = 0;
            try {
                exercise("http://127.0.0.1:" + soapPort + "/ws/oso/v1", "http://127.0.0.1:" + opsPort + "/health");
            } catch (Exception e) {
                System.err.println("startup training: " + e);
                status = 1;
            }
            System.exit(status); // the shutdown stops Camel, then the JVM writes the archive
        }, "startup-training");
        client.setDaemon(true);
        client.start();
        GatewayCli.main(new String[] {"serve"});
    }

    private static void exercise(String soapUrl, String healthUrl) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (post(soapUrl, resource("config/samples/check-connection-request.xml")) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not answer CheckConnection within 2 minutes");
            }
            Thread.sleep(100);
        }
        // until the schemas are compiled DeliverDossier is refused (HTTP 500, a fault); then it is accepted
        while (post(soapUrl, resource("config/samples/deliver-demo-request.xml")) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not accept the demo dossier within 2 minutes");
            }
            Thread.sleep(100);
        }
        post(soapUrl, resource("config/samples/status-request.xml"));
        HttpURLConnection health = (HttpURLConnection) URI.create(healthUrl).toURL().openConnection();
        health.getResponseCode();
        health.disconnect();
    }

    /** The HTTP status of a SOAP call, or -1 while nothing listens. */
    private static int post(String url, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/xml; charset=UTF-8");
            c.setRequestProperty("SOAPAction", "\"\"");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String resource(String name) {
        try (InputStream in = StartupTraining.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
