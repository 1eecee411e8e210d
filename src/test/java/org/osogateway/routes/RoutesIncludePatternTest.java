package org.osogateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.util.AntPathMatcher;
import org.junit.jupiter.api.Test;

/**
 * Every route file under routes/ is loaded by the packaged gateway: its include pattern matches each one but the
 * admin API's, which the gateway loads itself (a file in
 * a sub-folder that no pattern matched once left the packaged gateway without its error handling), each by its name.
 */
class RoutesIncludePatternTest {

    @Test
    void theIncludePatternMatchesEveryRouteFile() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application.properties"))) {
            p.load(r);
        }
        List<String> patterns = Arrays.stream(p.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::trim).map(s -> s.substring("classpath:".length())).toList();
        List<String> files;
        try (Stream<Path> s = Files.walk(Path.of("routes"))) {
            files = s.filter(f -> f.toString().endsWith(".camel.yaml")).map(f -> f.toString().replace('\\', '/')).toList();
        }
        assertThat(files).hasSizeGreaterThan(4);
        // a wildcard makes Camel read the whole packaged jar to find the files: seconds of every start
        assertThat(patterns).allSatisfy(pattern -> assertThat(pattern).doesNotContain("*").doesNotContain("?"));
        // the admin API's routes are loaded by GatewayConfiguration, and only when the ops server runs
        assertThat(files).contains("routes/admin-api.camel.yaml");
        assertThat(Files.readString(Path.of("src/main/java/org/osogateway/GatewayConfiguration.java")))
                .contains("\"classpath:routes/admin-api.camel.yaml\"");
        assertThat(files).filteredOn(f -> !f.equals("routes/admin-api.camel.yaml")).allSatisfy(f -> assertThat(patterns).as(f)
                .anyMatch(pattern -> AntPathMatcher.INSTANCE.match(pattern, f)));
    }
}
