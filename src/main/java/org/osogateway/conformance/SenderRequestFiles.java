package org.osogateway.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the request files of a sender run: each file given, or each .xml directly in a folder given, sorted by name,
 * with the LAS's own dossier hash from a {@code FILE.sha256} next to it (in {@code sha256sum} form) when there is one.
 */
public final class SenderRequestFiles {

    static final String HASH_SUFFIX = ".sha256";

    private SenderRequestFiles() {
    }

    /** @throws IllegalArgumentException naming the file when one cannot be read or its .sha256 holds no hash */
    public static List<SenderRequest> read(List<Path> filesOrFolders) {
        List<SenderRequest> requests = new ArrayList<>();
        for (Path given : filesOrFolders) {
            if (Files.isDirectory(given)) {
                try (Stream<Path> s = Files.list(given)) {
                    s.filter(SenderRequestFiles::isXml).sorted().forEach(p -> requests.add(read(p)));
                } catch (IOException e) {
                    throw new IllegalArgumentException(given + ": cannot list the folder (" + e.getMessage() + ")", e);
                }
            } else {
                requests.add(read(given));
            }
        }
        return requests;
    }

    private static SenderRequest read(Path file) {
        try {
            return new SenderRequest(file.getFileName().toString(), Files.readAllBytes(file), claimedHash(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    /** The first word of FILE.sha256, or null without that file. */
    private static String claimedHash(Path file) throws IOException {
        Path hashFile = file.resolveSibling(file.getFileName() + HASH_SUFFIX);
        if (!Files.isRegularFile(hashFile)) {
            return null;
        }
        String[] words = Files.readString(hashFile, StandardCharsets.UTF_8).trim().split("\\s+", 2);
        if (!words[0].matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException(hashFile + ": expected a SHA-256 in hex (as sha256sum writes it)");
        }
        return words[0];
    }

    private static boolean isXml(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
    }
}
