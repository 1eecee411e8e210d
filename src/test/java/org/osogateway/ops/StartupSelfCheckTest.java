package org.osogateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupSelfCheckTest {
    @TempDir
    Path dir;

    /** Free ports everywhere (0), so only the setting under test can fail. */
    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.soap.port", "0");
        settings.put("gateway.admin.port", "0");
        settings.put("gateway.metrics.port", "0");
        return settings;
    }

    private static List<String> problems(Map<String, String> settings) {
        return new StartupSelfCheck(settings::get).problems();
    }

    @Test
    void aCleanConfigurationPasses() {
        assertEquals(List.of(), problems(settings()));
    }

    @Test
    void aPortInUseNamesTheSettingAndItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            for (String key : List.of("gateway.soap.port", "gateway.admin.port", "gateway.metrics.port")) {
                Map<String, String> settings = settings();
                settings.put(key, Integer.toString(port));
                String variable = key.toUpperCase().replace('.', '_');
                assertEquals(List.of(key + " (" + variable + ") = " + port + ": the port is in use"), problems(settings));
            }
        }
    }

    @Test
    void twoSettingsOnOnePortAreNamedBoth() {
        Map<String, String> settings = settings();
        settings.put("gateway.soap.port", "47123");
        settings.put("gateway.admin.port", "47123");
        assertEquals(List.of("gateway.admin.port (GATEWAY_ADMIN_PORT) = 47123: the same port as gateway.soap.port"
                + " (GATEWAY_SOAP_PORT)"), problems(settings));
    }

    @Test
    void aPortThatIsNoNumberOrOutOfRange() {
        Map<String, String> settings = settings();
        settings.put("gateway.soap.port", "80a");
        settings.put("gateway.admin.port", "70000");
        assertEquals(List.of("gateway.soap.port (GATEWAY_SOAP_PORT) = 80a: not a port number",
                "gateway.admin.port (GATEWAY_ADMIN_PORT) = 70000: a port is between 0 and 65535"), problems(settings));
    }

    @Test
    void aMissingFileAndAFolderInsteadOfAFile() {
        Map<String, String> settings = settings();
        Path missing = dir.resolve("server.p12");
        settings.put("gateway.soap.tls.keystore", missing.toString());
        settings.put("gateway.registry.file", dir.toString());
        assertEquals(List.of("gateway.soap.tls.keystore (GATEWAY_SOAP_TLS_KEYSTORE) = " + missing + ": no such file",
                "gateway.registry.file (GATEWAY_REGISTRY_FILE) = " + dir + ": not a file"), problems(settings));
    }

    @Test
    void anUnreadableFile() throws Exception {
        Path file = Files.writeString(dir.resolve("truststore.p12"), "x");
        if (!file.toFile().setReadable(false) || Files.isReadable(file)) {
            return; // running as root: every file is readable, nothing to check here
        }
        Map<String, String> settings = settings();
        settings.put("gateway.delivery.tls.truststore", file.toString());
        assertEquals(List.of("gateway.delivery.tls.truststore (GATEWAY_DELIVERY_TLS_TRUSTSTORE) = " + file
                + ": the file is not readable"), problems(settings));
    }

    @Test
    void aClasspathRegistryIsNotAFileToCheck() {
        Map<String, String> settings = settings();
        settings.put("gateway.registry.file", "classpath:config/registry-example.yaml");
        assertEquals(List.of(), problems(settings));
    }

    @Test
    void aWrongSchemasFolderNamesThePathAndTheSetting() throws Exception {
        Map<String, String> settings = settings();
        Path missing = dir.resolve("2019.1");
        Path file = Files.writeString(dir.resolve("schemas"), "x");
        settings.put("gateway.schemas.dirs", dir + " , " + missing);
        settings.put("gateway.schemas.installed-dir", file.toString());
        assertEquals(List.of("gateway.schemas.dirs (GATEWAY_SCHEMAS_DIRS) = " + missing + ": no such folder",
                "gateway.schemas.installed-dir (GATEWAY_SCHEMAS_INSTALLED_DIR) = " + file + ": not a folder"),
                problems(settings));
    }

    @Test
    void badNumbersAndDurationsNameTheSettingAndTheValue() {
        Map<String, String> settings = settings();
        settings.put("gateway.retry.initial-delay", "30s");
        settings.put("gateway.delivery.lease", "-PT1M");
        settings.put("gateway.store.pool-size", "many");
        settings.put("gateway.retry.multiplier", "0");
        assertEquals(List.of(
                "gateway.delivery.lease (GATEWAY_DELIVERY_LEASE) = -PT1M: a duration cannot be negative",
                "gateway.retry.initial-delay (GATEWAY_RETRY_INITIAL_DELAY) = 30s: not an ISO-8601 duration such as PT30S or P7D",
                "gateway.store.pool-size (GATEWAY_STORE_POOL_SIZE) = many: not a whole number",
                "gateway.retry.multiplier (GATEWAY_RETRY_MULTIPLIER) = 0: must be above 0"), problems(settings));
    }

    @Test
    void verifyReportsEveryProblemInOneError() {
        Map<String, String> settings = settings();
        settings.put("gateway.soap.port", "x");
        settings.put("gateway.store.pool-size", "-1");
        IllegalStateException e = assertThrows(IllegalStateException.class, new StartupSelfCheck(settings::get)::verify);
        assertEquals("the configuration has 2 problem(s):\n"
                + "  gateway.soap.port (GATEWAY_SOAP_PORT) = x: not a port number\n"
                + "  gateway.store.pool-size (GATEWAY_STORE_POOL_SIZE) = -1: must be above 0", e.getMessage());
    }

    @Test
    void theOldSingleAdminTokenIsRefusedNamingItsReplacement() {
        Map<String, String> settings = settings();
        settings.put("gateway.admin.token", "a-shared-secret");
        List<String> found = problems(settings);
        assertEquals(1, found.size());
        assertEquals(true, found.get(0).startsWith("gateway.admin.token (GATEWAY_ADMIN_TOKEN) is no longer read"), found.get(0));
        assertEquals(true, found.get(0).contains("oso-gateway admin-token new"), found.get(0));
        assertEquals(false, found.get(0).contains("a-shared-secret"), found.get(0));
        settings.put("gateway.admin.token", "");
        assertEquals(List.of(), problems(settings));
    }
}
