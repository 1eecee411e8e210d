package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.support.OfficialFiles;
import org.osogateway.validation.InstalledSchemas;
import org.osogateway.validation.SchemaCatalog;

/** {@code schemas install} and {@code schemas list} on the official OSO-gegevensset (read from outside the project). */
class SchemasCommandTest {
    static final String NS_2019 = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    static final String NS_2017 = "http://www.edustandaard.nl/oso_gegevensset/2017/dossier";

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static CliRun install(Path source, Path target, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("schemas", "install", source.toString(), "--target", target.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void installsBothOfficialVersionsAndTheCatalogHasTheirRules(@TempDir Path target) throws Exception {
        Path official = OfficialFiles.require();

        CliRun r2019 = install(official.resolve("2019.1"), target);
        CliRun r2017 = install(official.resolve("2017.1"), target);

        assertThat(r2019.exit()).as(r2019.err()).isZero();
        assertThat(r2019.out()).contains("Installed version 2019.1", NS_2019, "examples checked: 12",
                "OV/ValideerOverstapprofielen.xsl -> overdrachtbinnenbrin, overstapdossier",
                "PaO/ValideerSwvPaO-profielen.xsl -> swv-dossier");
        assertThat(r2017.exit()).as(r2017.err()).isZero();
        assertThat(r2017.out()).contains("Installed version 2017.1", NS_2017);
        assertThat(childNames(target)).containsExactly("2017.1", "2019.1"); // no staging leftovers
        assertThat(target.resolve("2019.1/OV/include/ValideerOSOgegevensset_2019.1.xsl")).isRegularFile();
        assertThat(target.resolve("2019.1/OV/release notes overstapprofielen.txt")).isRegularFile();

        SchemaCatalog catalog = SchemaCatalog.load(InstalledSchemas.versionFolders(target), false);
        assertThat(catalog.namespaces()).containsExactlyInAnyOrder(NS_2019, NS_2017);
        for (String ns : List.of(NS_2019, NS_2017)) {
            assertThat(catalog.find(ns).orElseThrow().rules())
                    .containsOnlyKeys("overstapdossier", "overdrachtbinnenbrin", "swv-dossier");
        }
        assertThat(catalog.find(NS_2019).orElseThrow().version()).isEqualTo("2019.1");
    }

    @Test
    void installsFromAZipWithAnExtraTopFolder(@TempDir Path tmp) throws Exception {
        Path official = OfficialFiles.require();
        Path zip = tmp.resolve("download.zip");
        // Neither the top folder nor the ZIP is named after the version: it comes from the examples' standaardversie.
        zipFolder(official.resolve("2019.1"), "oso-gegevensset-technische-bestanden/", zip);
        Path target = tmp.resolve("installed");

        CliRun r = install(zip, target);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Installed version 2019.1 (standaardversie of ", NS_2019, "examples checked: 12");
        assertThat(target.resolve("2019.1/common/OSO_gegevensset.xsd")).isRegularFile();
        assertThat(target.resolve("2019.1/PaO/ValideerSwvPaO-profielen.xsl")).isRegularFile();
    }

    @Test
    void aZipSlipEntryIsRefused(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("2019.1/common/readme.txt"));
            out.write("fine".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("2019.1/../../../escaped.txt"));
            out.write("evil".getBytes(StandardCharsets.UTF_8));
        }
        Path target = tmp.resolve("installed");

        CliRun r = install(zip, target);

        assertThat(r.exit()).isEqualTo(SchemasCommand.BAD_INPUT);
        assertThat(r.err()).contains("zip-slip", "2019.1/../../../escaped.txt");
        assertThat(target).doesNotExist();
        // where the entry points (tmp's parent, shared with other processes: look at that one path only)
        assertThat(target.resolve("2019.1/../../../escaped.txt").normalize()).doesNotExist();
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void aReleaseWithAnExampleThatFailsItsSchemaIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path release = copyOf(OfficialFiles.require().resolve("2019.1"), tmp.resolve("src/2019.1"));
        Path broken = release.resolve("OV/examples/Voorbeelddossier_OV_POPO_full.xml");
        String xml = Files.readString(broken, StandardCharsets.UTF_8);
        Files.writeString(broken, xml.replaceFirst("<metadata>", "<metadata><onbekend_veld>x</onbekend_veld>"), StandardCharsets.UTF_8);
        Path target = tmp.resolve("installed");

        CliRun r = install(release, target);

        assertThat(r.exit()).isEqualTo(SchemasCommand.REFUSED);
        assertThat(r.err()).contains("refused: 1 of 12 example dossiers of 2019.1 fail", "Voorbeelddossier_OV_POPO_full.xml",
                "XSD", "onbekend_veld");
        assertThat(r.err()).doesNotContain("Voorbeelddossier_OV_POVO_full.xml");
        assertThat(childNames(target)).isEmpty(); // nothing installed, no staging left behind
    }

    @Test
    void aReleaseWithAnExampleThatBreaksABusinessRuleIsRefused(@TempDir Path tmp) throws Exception {
        Path release = copyOf(OfficialFiles.require().resolve("2017.1"), tmp.resolve("src/2017.1"));
        Path broken = release.resolve("PaO/examples/Voorbeelddossier_2017.1_PaO_VOSWV_full.xml");
        String xml = Files.readString(broken, StandardCharsets.UTF_8);
        Files.writeString(broken, xml.replace("<standaardversie>2017.1</standaardversie>",
                "<standaardversie>2017.9</standaardversie>"), StandardCharsets.UTF_8);

        CliRun r = install(release, tmp.resolve("installed"));

        assertThat(r.exit()).isEqualTo(SchemasCommand.REFUSED);
        assertThat(r.err()).contains("Voorbeelddossier_2017.1_PaO_VOSWV_full.xml (swv-dossier)", "business rules", "2017.1");
    }

    @Test
    void reinstallingIsRefusedWithoutForceAndReplacesWithIt(@TempDir Path target) throws Exception {
        Path release = OfficialFiles.require().resolve("2017.1");
        assertThat(install(release, target).exit()).isZero();
        Path marker = target.resolve("2017.1/left-by-the-first-install.txt");
        Files.writeString(marker, "old");

        CliRun again = install(release, target);
        assertThat(again.exit()).isEqualTo(SchemasCommand.REFUSED);
        assertThat(again.err()).contains("already installed", "--force");
        assertThat(marker).exists();

        CliRun forced = install(release, target, "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Replaced version 2017.1");
        assertThat(marker).doesNotExist();
        assertThat(childNames(target)).containsExactly("2017.1");
        assertThat(target.resolve("2017.1/common/OSO_gegevensset.xsd")).isRegularFile();
    }

    @Test
    void listShowsTheCatalogTheGatewayWouldLoad(@TempDir Path tmp) throws Exception {
        Path official = OfficialFiles.require();
        Path target = tmp.resolve("installed");
        assertThat(install(official.resolve("2019.1"), target).exit()).isZero();
        assertThat(install(official.resolve("2017.1"), target).exit()).isZero();
        Path config = tmp.resolve("gateway.properties");
        Files.writeString(config, "gateway.schemas.installed-dir = " + target.toString().replace("\\", "/") + "\n"
                + "gateway.schemas.dirs =\ngateway.schemas.demo-enabled = true\n");

        CliRun r = run("schemas", "list", "--config", config.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(NS_2019, NS_2017, "urn:oso-gateway:demo:dossier:v1", "version: 2019.1", "version: 2017.1",
                "swv-dossier -> ", "overdrachtbinnenbrin -> ", "overstapdossier -> ");
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path tmp) throws Exception {
        CliRun missing = install(tmp.resolve("nope"), tmp.resolve("installed"));
        assertThat(missing.exit()).isEqualTo(SchemasCommand.BAD_INPUT);
        assertThat(missing.err()).contains("No such file or folder");

        Path text = Files.writeString(tmp.resolve("release.txt"), "not a zip");
        assertThat(install(text, tmp.resolve("installed")).exit()).isEqualTo(SchemasCommand.BAD_INPUT);

        Path empty = Files.createDirectories(tmp.resolve("empty/2020.1"));
        CliRun noSchema = install(empty, tmp.resolve("installed"));
        assertThat(noSchema.exit()).isEqualTo(SchemasCommand.BAD_INPUT);
        assertThat(noSchema.err()).contains("No dossier schema");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : List.of(new String[] {"schemas", "--help"}, new String[] {"schemas", "install", "--help"},
                new String[] {"schemas", "list", "--help"})) {
            CliRun r = run(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("Usage: oso-gateway schemas");
        }
    }

    static List<String> childNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return to;
    }

    static void zipFolder(Path folder, String prefix, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> s = Files.walk(folder)) {
            out.putNextEntry(new ZipEntry(prefix));
            for (Path p : s.sorted().toList()) {
                String name = prefix + folder.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    if (!p.equals(folder)) {
                        out.putNextEntry(new ZipEntry(name + "/"));
                    }
                } else {
                    out.putNextEntry(new ZipEntry(name));
                    Files.copy(p, out);
                }
            }
        }
    }
}
