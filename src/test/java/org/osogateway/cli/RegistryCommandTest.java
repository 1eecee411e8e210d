package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.registry.RegistryData;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.registry.RegistryFileWriter;
import picocli.CommandLine;

/** registry import/export/check on a store of its own: round trip, idempotence, reports, all-or-nothing. */
class RegistryCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run run(Path config, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--config";
            all[args.length + 1] = config.toString();
            int exit = new CommandLine(new GatewayCli()).execute(all);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path config() throws Exception {
        Path config = tmp.resolve("gateway.properties");
        Files.writeString(config, "gateway.store.url = jdbc:h2:file:" + tmp.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH\n");
        return config;
    }

    @Test
    void writerAndLoaderRoundTrip() throws Exception {
        RegistryData example = new RegistryFileLoader().load(Path.of("config/registry-example.yaml"));
        String yaml = new RegistryFileWriter().write(example);
        RegistryData again = new RegistryFileLoader().parse(yaml, "export");
        assertThat(org.osogateway.registry.RegistryChange.between(example, again)).isEmpty();
    }

    @Test
    void importExportImportIsIdempotentAndEditsAreReported() throws Exception {
        Path config = config();
        Run first = run(config, "registry", "import", "config/registry-example.yaml");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("created school 00YY").contains("created endpoint 0000000700001AB00001")
                .contains("0 changed, 0 ended, 0 removed");

        Path exported = tmp.resolve("export.yaml");
        assertThat(run(config, "registry", "export", "--output", exported.toString()).exit()).isZero();
        Run again = run(config, "registry", "import", exported.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("0 created, 0 changed, 0 ended, 0 removed");

        // edit: rename a school, end an endpoint, add a supplier
        String yaml = Files.readString(exported)
                .replace("Demo School Zonder Endpoint", "Demo School Hernoemd")
                .replace("routeringskenmerk: \"0000000700006LM00002\"",
                        "routeringskenmerk: \"0000000700006LM00002\"\n    validTo: \"2025-12-31\"")
                .replace("suppliers:\n", "suppliers:\n- oin: \"00000003000000000077\"\n  name: \"Nieuwe LAS\"\n");
        Path edited = tmp.resolve("edited.yaml");
        Files.writeString(edited, yaml);
        Run dry = run(config, "registry", "import", "--dry-run", edited.toString());
        assertThat(dry.out()).contains("changed school 05JK").contains("ended endpoint 0000000700006LM00002")
                .contains("created supplier 00000003000000000077").contains("nothing stored");
        Run edit = run(config, "registry", "import", edited.toString());
        assertThat(edit.out()).contains("1 created, 1 changed, 1 ended, 0 removed");
        assertThat(run(config, "registry", "import", edited.toString()).out()).contains("0 created, 0 changed");

        // all or nothing: a file with an R4 violation changes nothing
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, yaml.replace("Demo School Hernoemd", "Weer Anders")
                .replace("- brin: \"04GH\"", "- brin: \"04GH\"\n  endpoints:\n  - routeringskenmerk: \"0000000700004GH00001\"\n"
                        + "    supplier: \"00000003000000000002\"\n    serviceVersion: \"urn:oso-gateway:demo:dossier:v1\"\n"
                        + "    url: \"https://las.example/oso\"\n    validFrom: \"2024-01-01\""));
        Run refused = run(config, "registry", "import", broken.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("(R4)").contains("nothing imported");
        assertThat(run(config, "registry", "export").out()).contains("Demo School Hernoemd").doesNotContain("Weer Anders");
    }

    /** The report lines, without the log lines that share standard output. */
    private static java.util.List<String> reportLines(String out) {
        return out.lines().filter(l -> l.matches("[0-9]{2}[A-Z]{2} .*")).toList();
    }

    @Test
    void checkSaysConnectedOrTheReasonsOneLinePerSchool() throws Exception {
        Path config = config();
        run(config, "registry", "import", "config/registry-example.yaml");
        Run one = run(config, "registry", "check", "01AB");
        assertThat(one.exit()).isZero();
        assertThat(reportLines(one.out())).singleElement().asString().startsWith("01AB ").contains("connected (3 endpoints");
        Run board = run(config, "registry", "check", "--board", "B-VOORBEELD", "--date", "2024-01-01");
        assertThat(board.exit()).isEqualTo(1);
        assertThat(reportLines(board.out())).hasSize(8)
                .anySatisfy(l -> assertThat(l).isEqualTo("04GH 2024-01-01 NOT connected: NO_MANDATE"))
                .anySatisfy(l -> assertThat(l).startsWith("08QR 2024-01-01 connected"));
        assertThat(run(config, "registry", "check", "--help").out()).contains("--board");
    }
}
