package org.osogateway.validation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Fixture locations: the official OSO-gegevensset (outside the project) and the synthetic samples. */
final class TestFiles {

    static final String NS_2019 = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    static final String NS_2017 = "http://www.edustandaard.nl/oso_gegevensset/2017/dossier";
    static final String NS_DEMO = "urn:oso-gateway:demo:dossier:v1";

    private TestFiles() {
    }

    /** The official files' folder, or the test is skipped when they are not installed. */
    static Path officialDir() {
        String setting = System.getProperty("oso.gegevensset.dir", System.getenv().getOrDefault("OSO_GEGEVENSSET_DIR", "../shared/oso-gegevensset"));
        Path dir = Path.of(setting).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("2019.1")) && Files.isDirectory(dir.resolve("2017.1")),
                "official OSO-gegevensset not found at " + dir + "; set -Doso.gegevensset.dir");
        return dir;
    }

    /** The 173 KB official 2019.1 POVO example. */
    static Path povoFull2019() {
        return officialDir().resolve("2019.1/OV/examples/Voorbeelddossier_OV_POVO_full.xml");
    }

    /** All official example dossiers (*&#47;OV/examples/*.xml and *&#47;PaO/examples/*.xml). */
    static List<Path> officialExamples() {
        Path dir = officialDir();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> p.getParent().getFileName().toString().equals("examples"))
                    .filter(p -> List.of("OV", "PaO").contains(p.getParent().getParent().getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A synthetic sample from src/test/resources/samples/DeliverDossier/. */
    static byte[] sample(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/samples/DeliverDossier/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
