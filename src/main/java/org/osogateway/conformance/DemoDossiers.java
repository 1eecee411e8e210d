package org.osogateway.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.osogateway.fault.GatewayException;
import org.osogateway.validation.DossierCanonicalizer;

/** Finds and canonicalizes the dossiers of a receiver run: the built-in demo dossier, the user's, official examples. */
public final class DemoDossiers {

    /** The synthetic demo dossier shipped in the jar (config/samples/demo-dossier.xml). */
    static final String BUILT_IN = "/config/samples/demo-dossier.xml";

    private final DossierCanonicalizer canonicalizer = new DossierCanonicalizer();

    /** The built-in demo dossier. */
    public DemoDossier builtIn() {
        try (InputStream in = DemoDossiers.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the jar");
            }
            return new DemoDossier("demo-dossier.xml", canonicalizer.canonicalize(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each .xml file given, or directly in a folder given, sorted by name; {@code option} names the source in errors. */
    public List<DemoDossier> files(String option, List<Path> filesOrFolders) {
        List<DemoDossier> dossiers = new ArrayList<>();
        for (Path given : filesOrFolders) {
            if (Files.isDirectory(given)) {
                try (Stream<Path> s = Files.list(given)) {
                    s.filter(DemoDossiers::isXml).sorted().forEach(p -> dossiers.add(read(option, p)));
                } catch (IOException e) {
                    throw new IllegalArgumentException(option + " " + given + ": cannot list the folder (" + e.getMessage() + ")", e);
                }
            } else {
                dossiers.add(read(option, given));
            }
        }
        return dossiers;
    }

    /** The official example dossiers of an OSO-gegevensset folder: every .xml directly in a folder named examples. */
    public List<DemoDossier> officialExamples(String option, Path gegevensset) {
        if (!Files.isDirectory(gegevensset)) {
            throw new IllegalArgumentException(option + " " + gegevensset + ": not a folder");
        }
        try (Stream<Path> s = Files.walk(gegevensset)) {
            return s.filter(p -> isXml(p) && p.getParent().getFileName().toString().equalsIgnoreCase("examples"))
                    .sorted().map(p -> read(option, p)).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + gegevensset + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private DemoDossier read(String option, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        try {
            return new DemoDossier(file.getFileName().toString(), canonicalizer.canonicalize(bytes));
        } catch (GatewayException e) {
            throw new IllegalArgumentException(option + " " + file + ": not a well-formed dossier (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isXml(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml");
    }
}
