package org.osogateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Locates the official OSO-gegevensset (never part of the project) through -Doso.gegevensset.dir or OSO_GEGEVENSSET_DIR. */
public final class OfficialFiles {
    private OfficialFiles() {
    }

    public static Path dir() {
        String configured = System.getProperty("oso.gegevensset.dir", System.getenv("OSO_GEGEVENSSET_DIR"));
        return configured == null ? Path.of("../shared/oso-gegevensset") : Path.of(configured);
    }

    public static boolean present() {
        return Files.isDirectory(dir().resolve("2019.1")) && Files.isDirectory(dir().resolve("2017.1"));
    }

    /** Skips the calling test, saying how to provide the files, when they are absent. */
    public static Path require() {
        Assumptions.assumeTrue(present(), "official OSO-gegevensset not found at " + dir().toAbsolutePath()
                + "; set -Doso.gegevensset.dir=<folder with 2019.1/ and 2017.1/> (or OSO_GEGEVENSSET_DIR) to run this test");
        return dir();
    }

    /** The 24 official example dossiers (OV and PaO of both versions). */
    public static List<Path> examples() throws IOException {
        Path root = require();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getParent().getFileName().toString().equals("examples") && p.toString().endsWith(".xml"))
                    .sorted().toList();
        }
    }
}
