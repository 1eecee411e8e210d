package org.osogateway.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Checks the configuration before any port is opened and names every misconfiguration at once. */
public final class StartupSelfCheck {
    /** The files a setting names; each must exist and be readable when set. */
    private static final List<String> FILE_SETTINGS = List.of("gateway.soap.tls.keystore", "gateway.soap.tls.truststore",
            "gateway.delivery.tls.keystore", "gateway.delivery.tls.truststore", "gateway.registry.remote.tls.keystore",
            "gateway.registry.remote.tls.truststore", "gateway.registry.file");
    private static final List<String> DURATION_SETTINGS = List.of("gateway.delivery.lease", "gateway.retry.initial-delay",
            "gateway.retry.max-delay", "gateway.retry.give-up-after", "gateway.store.delivered-payload-retention");
    private static final List<String> WHOLE_NUMBER_SETTINGS = List.of("gateway.store.pool-size");
    private static final List<String> DECIMAL_SETTINGS = List.of("gateway.retry.multiplier");

    private final Function<String, String> lookup;

    /** {@code lookup} answers null for a key that is not set. */
    public StartupSelfCheck(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** Refuses the start with one message that lists each problem on a line of its own. */
    public void verify() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the configuration has " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** Every problem found, in the order: ports, files, schema folders, retired settings, durations and numbers. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkPorts(problems);
        for (String key : FILE_SETTINGS) {
            String value = value(key);
            if (value != null && !value.startsWith("classpath:")) {
                checkFile(key, value, problems);
            }
        }
        checkSchemaFolders(problems);
        checkRetiredSettings(problems);
        for (String key : DURATION_SETTINGS) {
            checkDuration(key, problems);
        }
        for (String key : WHOLE_NUMBER_SETTINGS) {
            checkNumber(key, false, problems);
        }
        for (String key : DECIMAL_SETTINGS) {
            checkNumber(key, true, problems);
        }
        return problems;
    }

    /** The environment variable Camel reads for a setting: gateway.soap.port → GATEWAY_SOAP_PORT. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private void checkPorts(List<String> problems) {
        Map<String, String> hostOf = new LinkedHashMap<>();
        hostOf.put("gateway.soap.port", orDefault("gateway.soap.host", "127.0.0.1"));
        if (Boolean.parseBoolean(orDefault("gateway.admin.enabled", "true"))) {
            hostOf.put("gateway.admin.port", orDefault("gateway.admin.host", "127.0.0.1"));
        }
        if (Boolean.parseBoolean(orDefault("gateway.metrics.enabled", "true"))) {
            hostOf.put("gateway.metrics.port", orDefault("gateway.metrics.host", "127.0.0.1"));
        }
        Map<String, String> defaults = Map.of("gateway.soap.port", "8080", "gateway.admin.port", "8081",
                "gateway.metrics.port", "9876");
        Map<Integer, String> taken = new LinkedHashMap<>();
        hostOf.forEach((key, host) -> {
            String value = orDefault(key, defaults.get(key));
            int port;
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                problems.add(named(key, value) + ": not a port number");
                return;
            }
            if (port < 0 || port > 65535) {
                problems.add(named(key, value) + ": a port is between 0 and 65535");
                return;
            }
            if (port == 0) {
                return; // any free port, chosen when it opens
            }
            String earlier = taken.putIfAbsent(port, key);
            if (earlier != null) {
                problems.add(named(key, value) + ": the same port as " + earlier + " (" + environmentVariable(earlier) + ")");
            } else if (!free(host, port)) {
                problems.add(named(key, value) + ": the port is in use");
            }
        });
    }

    private static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // a plain shared secret with an actor anyone could claim: replaced by named tokens stored as hashes
    private void checkRetiredSettings(List<String> problems) {
        String legacy = value("gateway.admin.token");
        if (legacy != null && !legacy.isBlank()) {
            problems.add("gateway.admin.token (GATEWAY_ADMIN_TOKEN) is no longer read: remove it and make named tokens"
                    + " for gateway.admin.tokens with 'oso-gateway admin-token new --name NAME --roles read,registry'"
                    + " (clients send their secret as gateway.admin.client-token)");
        }
    }

    private static void checkFile(String key, String value, List<String> problems) {
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            problems.add(named(key, value) + ": no such file");
        } else if (!Files.isRegularFile(path)) {
            problems.add(named(key, value) + ": not a file");
        } else if (!Files.isReadable(path)) {
            problems.add(named(key, value) + ": the file is not readable");
        }
    }

    private void checkSchemaFolders(List<String> problems) {
        String dirs = value("gateway.schemas.dirs");
        if (dirs != null) {
            for (String dir : dirs.split(",")) {
                if (!dir.isBlank() && !Files.isDirectory(Path.of(dir.trim()))) {
                    problems.add(named("gateway.schemas.dirs", dir.trim()) + ": no such folder");
                }
            }
        }
        // the installed-schemas folder may be missing (nothing installed yet), but not be a file
        String installed = value("gateway.schemas.installed-dir");
        if (installed != null && Files.exists(Path.of(installed)) && !Files.isDirectory(Path.of(installed))) {
            problems.add(named("gateway.schemas.installed-dir", installed) + ": not a folder");
        }
    }

    private void checkDuration(String key, List<String> problems) {
        String value = value(key);
        if (value == null) {
            return;
        }
        try {
            if (Duration.parse(value).isNegative()) {
                problems.add(named(key, value) + ": a duration cannot be negative");
            }
        } catch (DateTimeParseException e) {
            problems.add(named(key, value) + ": not an ISO-8601 duration such as PT30S or P7D");
        }
    }

    private void checkNumber(String key, boolean decimal, List<String> problems) {
        String value = value(key);
        if (value == null) {
            return;
        }
        try {
            double number = decimal ? Double.parseDouble(value) : Integer.parseInt(value);
            if (number <= 0) {
                problems.add(named(key, value) + ": must be above 0");
            }
        } catch (NumberFormatException e) {
            problems.add(named(key, value) + (decimal ? ": not a number" : ": not a whole number"));
        }
    }

    private static String named(String key, String value) {
        return key + " (" + environmentVariable(key) + ") = " + value;
    }

    private String value(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String orDefault(String key, String fallback) {
        String value = value(key);
        return value == null ? fallback : value;
    }
}
