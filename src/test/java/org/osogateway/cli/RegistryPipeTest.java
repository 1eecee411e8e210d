package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a shell runs it, in its own JVM with the product's logging: stdout carries only a command's
 * output (logs go to stderr), so {@code registry export > file} gives a file that {@code registry import} takes,
 * and importing it again changes nothing.
 */
class RegistryPipeTest {
    @TempDir
    Path dir;

    @Test
    void anExportImportsAgainWithoutAChange() throws Exception {
        Path config = dir.resolve("gateway.properties");
        Files.writeString(config, "gateway.store.url = jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH\n");
        Result seeded = cli("registry", "import", "config/registry-example.yaml", "--config", config.toString());
        assertThat(seeded.exit()).as(seeded.err()).isZero();

        Result export = cli("registry", "export", "--config", config.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("brin: \"01AB\"").doesNotContain(" INFO ").doesNotContain(" WARN ");
        Path exported = dir.resolve("exported.yaml");
        Files.writeString(exported, export.out());

        Result again = cli("registry", "import", "--dry-run", exported.toString(), "--config", config.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out().strip()).startsWith("dry run: 0 created, 0 changed, 0 ended, 0 removed");
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs the CLI in a JVM of its own (this test's class path), stdout and stderr apart. */
    private Result cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GatewayCli.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
