package org.osogateway.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The folders the gateway scans for dossier schemas at start-up: the configured ones plus every installed version. */
public final class InstalledSchemas {
    /** Default of {@code gateway.schemas.installed-dir}. */
    public static final String DEFAULT_INSTALLED_DIR = "data/schemas";

    private InstalledSchemas() {
    }

    /**
     * Every version folder that {@code schemas install} put under the installed-schemas folder, sorted.
     * Hidden folders (names starting with a dot) are an install in progress or its leftovers and are skipped.
     */
    public static List<Path> versionFolders(Path installedDir) throws IOException {
        if (!Files.isDirectory(installedDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(installedDir)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** The configured folders ({@code gateway.schemas.dirs}, comma-separated) followed by the installed versions. */
    public static List<Path> catalogDirs(String configuredDirsCsv, Path installedDir) throws IOException {
        List<Path> dirs = new ArrayList<>(configuredDirs(configuredDirsCsv));
        dirs.addAll(versionFolders(installedDir));
        return dirs;
    }

    /** Parses the comma-separated {@code gateway.schemas.dirs}. */
    public static List<Path> configuredDirs(String csv) {
        if (csv == null) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }
}
