package org.osogateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged gateway the kill tests start, SIGKILL and restart: its command, working folder, log and pid file;
 * {@link #start} returns once its SOAP endpoint answers {@code ?wsdl}.
 */
final class GatewayProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path log;
    private final Path pidFile;
    private final String soapUrl;
    private final HttpClient http;
    private volatile Process process;

    /** {@code environment} is added to the inherited one (the gateway reads settings from it); pidFile may be null. */
    GatewayProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path log,
                   Path pidFile, String soapUrl, HttpClient http) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.log = log;
        this.pidFile = pidFile;
        this.soapUrl = soapUrl;
        this.http = http;
    }

    /**
     * A driver's command line: {@code --name value} pairs, each handed to {@code option}, then {@code --} and the
     * gateway's command, which is returned (empty without {@code --}).
     */
    static List<String> commandAfterOptions(String[] args, java.util.function.BiConsumer<String, String> option) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return List.of(args).subList(i + 1, args.length);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            option.accept(args[i], args[++i]);
        }
        return List.of();
    }

    String name() {
        return name;
    }

    String soapUrl() {
        return soapUrl;
    }

    /** Starts it (appending to its log) and waits at most 120 s until it answers. */
    void start() throws Exception {
        Files.createDirectories(workDir);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        Files.writeString(log, "==== " + name + ": start at " + Instant.now() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = pb.start();
        process = p;
        if (pidFile != null) {
            Files.writeString(pidFile, Long.toString(p.pid()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        HttpRequest wsdl = HttpRequest.newBuilder(URI.create(soapUrl + "?wsdl")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up (exit " + p.exitValue() + "), see " + log);
            }
            try {
                if (http.send(wsdl, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not answer ?wsdl within 120 s, see " + log);
    }

    /** kill -KILL, the signal nothing in the process can catch; returns its exit status (137). */
    int sigkill() throws Exception {
        Process p = process;
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -KILL " + p.pid() + " failed");
        }
        return p.waitFor();
    }

    /** Ends it normally (SIGTERM); SIGKILL if that takes longer than 30 s. */
    void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** For a shutdown hook: gone at once, whatever state the run is in. */
    void destroyForcibly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }
}
