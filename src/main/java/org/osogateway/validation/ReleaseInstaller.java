package org.osogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Installs an official OSO-gegevensset release (a folder or a ZIP of one) under the installed-schemas folder,
 * only after its schema compiles, its business rules compile and every example it ships passes both.
 */
public final class ReleaseInstaller {
    /** How many findings per failing example the refusal lists. */
    static final int VIOLATIONS_PER_EXAMPLE = 3;

    private final Path installedDir;
    private final List<Path> otherSchemaDirs;
    private long maxZipBytes = SafeZip.DEFAULT_MAX_BYTES;
    private int maxZipEntries = SafeZip.DEFAULT_MAX_ENTRIES;

    /**
     * @param installedDir    the installed-schemas folder ({@code gateway.schemas.installed-dir})
     * @param otherSchemaDirs folders the gateway also scans ({@code gateway.schemas.dirs}); a release whose namespace
     *                        is already there would clash at start-up and is refused
     */
    public ReleaseInstaller(Path installedDir, List<Path> otherSchemaDirs) {
        this.installedDir = installedDir;
        this.otherSchemaDirs = List.copyOf(otherSchemaDirs);
    }

    /** Caps for ZIP input (defaults {@link SafeZip#DEFAULT_MAX_BYTES} and {@link SafeZip#DEFAULT_MAX_ENTRIES}). */
    public ReleaseInstaller zipLimits(long maxBytes, int maxEntries) {
        this.maxZipBytes = maxBytes;
        this.maxZipEntries = maxEntries;
        return this;
    }

    /** The outcome of checking one example dossier; {@code problems} is empty when it passed. */
    public record ExampleCheck(Path example, String overdrachtsoort, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * What was installed.
     *
     * @param rules overdrachtsoort → stylesheet (relative to the installed version folder)
     */
    public record Installed(String version, String versionSource, String namespace, Path target, Path schema,
                            Map<String, String> rules, List<ExampleCheck> examples, int fileCount, boolean replaced,
                            List<String> warnings) {
    }

    /**
     * Installs the release at {@code source} (a folder or a .zip) as {@code <installedDir>/<version>/}.
     *
     * @param force replace an installed folder of the same version
     * @throws ReleaseInstallException BAD_INPUT for unusable input, REFUSED when a check fails or the version exists
     */
    public Installed install(Path source, boolean force) throws ReleaseInstallException, IOException {
        if (!Files.exists(source)) {
            throw ReleaseInstallException.badInput("No such file or folder: " + source);
        }
        Path unpacked = null;
        try {
            Path releaseRoot;
            String nameHint = null;
            if (Files.isDirectory(source)) {
                releaseRoot = source;
            } else if (SafeZip.looksLikeZip(source)) {
                unpacked = Files.createTempDirectory("oso-release-");
                SafeZip.extract(source, unpacked, maxZipBytes, maxZipEntries);
                releaseRoot = singleTopFolder(unpacked);
                String zipName = source.getFileName().toString();
                nameHint = zipName.toLowerCase().endsWith(".zip") ? zipName.substring(0, zipName.length() - 4) : zipName;
            } else {
                throw ReleaseInstallException.badInput("Neither a folder nor a ZIP: " + source);
            }
            return install(OfficialRelease.inspect(releaseRoot, nameHint), force);
        } finally {
            if (unpacked != null) {
                deleteTree(unpacked);
            }
        }
    }

    private Installed install(OfficialRelease release, boolean force) throws ReleaseInstallException, IOException {
        List<String> warnings = new ArrayList<>();
        Path target = installedDir.resolve(release.version());
        boolean exists = Files.exists(target);
        if (exists && !force) {
            throw ReleaseInstallException.refused("Version " + release.version() + " is already installed at " + target,
                    List.of("use --force to replace it"));
        }
        refuseClash(release, target);

        Files.createDirectories(installedDir);
        // A hidden sibling: on the same file system (so the final move is a rename), ignored by the gateway's scan.
        Path staging = installedDir.resolve(".install-" + release.version() + "-" + UUID.randomUUID());
        try {
            Path staged = staging.resolve(release.version());
            for (Path file : release.files()) {
                Path to = staged.resolve(file.toString());
                Files.createDirectories(to.getParent());
                Files.copy(release.root().resolve(file), to);
            }
            SchemaCatalog catalog;
            try {
                catalog = SchemaCatalog.load(List.of(staged), false);
            } catch (IllegalStateException | UncheckedIOException e) {
                throw ReleaseInstallException.refused("The release's schema or business rules do not load", List.of(e.getMessage()));
            }
            CatalogEntry entry = catalog.find(release.namespace()).orElseThrow(() -> new IllegalStateException(
                    "the staged catalog lacks " + release.namespace()));
            Map<String, String> rules = new TreeMap<>();
            entry.rules().forEach((soort, r) -> rules.put(soort, staged.toAbsolutePath().normalize()
                    .relativize(Path.of(r.source()).toAbsolutePath().normalize()).toString()));
            for (Path xsl : release.ruleStylesheets()) {
                if (!rules.containsValue(xsl.toString())) {
                    warnings.add("stylesheet " + xsl + " is not written for " + release.namespace() + " and is not used");
                }
            }
            if (release.ruleStylesheets().isEmpty()) {
                warnings.add("no business-rule stylesheets in the release: only the schema will be checked");
            }
            List<ExampleCheck> checks = new ArrayList<>();
            for (Path example : release.examples()) {
                ExampleCheck check = checkExample(catalog, release.namespace(), example, staged.resolve(example.toString()));
                checks.add(check);
                if (check.passed() && !check.overdrachtsoort().isEmpty() && !entry.rules().containsKey(check.overdrachtsoort())) {
                    warnings.add("no business rules for overdrachtsoort '" + check.overdrachtsoort() + "' of " + example);
                }
            }
            if (checks.isEmpty()) {
                warnings.add("the release ships no example dossiers (**/examples/*.xml): nothing could be checked");
            }
            List<String> failures = new ArrayList<>();
            for (ExampleCheck c : checks) {
                if (!c.passed()) {
                    failures.add(c.example() + (c.overdrachtsoort().isEmpty() ? "" : " (" + c.overdrachtsoort() + ")") + ":");
                    c.problems().forEach(p -> failures.add("    " + p));
                }
            }
            if (!failures.isEmpty()) {
                long failed = checks.stream().filter(c -> !c.passed()).count();
                throw ReleaseInstallException.refused(failed + " of " + checks.size() + " example dossiers of "
                        + release.version() + " fail their checks; nothing was installed", failures);
            }
            moveIntoPlace(staged, target, staging);
            Path schema = target.resolve(staged.toAbsolutePath().normalize().relativize(Path.of(entry.sourcePath())).toString());
            return new Installed(release.version(), release.versionSource(), release.namespace(), target, schema, rules,
                    checks, release.files().size(), exists, warnings);
        } finally {
            deleteTree(staging);
        }
    }

    /** Another folder the gateway scans already defines this namespace: both would be loaded and clash at start-up. */
    private void refuseClash(OfficialRelease release, Path target) throws ReleaseInstallException, IOException {
        List<Path> others = new ArrayList<>(otherSchemaDirs);
        for (Path installed : InstalledSchemas.versionFolders(installedDir)) {
            if (!installed.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                others.add(installed);
            }
        }
        for (Path dir : others) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path xsd : walk.filter(p -> p.toString().toLowerCase().endsWith(".xsd") && Files.isRegularFile(p)).toList()) {
                    String tns;
                    try (InputStream in = Files.newInputStream(xsd)) {
                        tns = XsdHeader.read(in, xsd.toUri()).targetNamespace();
                    } catch (IOException e) {
                        continue; // not a schema the gateway would register either
                    }
                    if (release.namespace().equals(tns)) {
                        throw ReleaseInstallException.refused("Namespace " + release.namespace() + " is already provided by "
                                + dir + " (" + xsd + "); the gateway would refuse to start with both",
                                List.of("remove that folder, or install this release under the same version with --force"));
                    }
                }
            }
        }
    }

    /** Validates one example against the staged schema and, when valid, runs the rules for its own overdrachtsoort. */
    static ExampleCheck checkExample(SchemaCatalog catalog, String namespace, Path name, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Document doc;
        try {
            doc = SecureXml.parse(bytes);
        } catch (GatewayException e) {
            return new ExampleCheck(name, "", List.of("not well-formed XML: " + e.getMessage()));
        }
        Element root = doc.getDocumentElement();
        String soort = overdrachtsoort(root);
        String rootNs = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        if (!namespace.equals(rootNs)) {
            return new ExampleCheck(name, soort, List.of("root element is in namespace '" + rootNs + "', not the release's " + namespace));
        }
        try {
            catalog.validate(namespace, bytes);
        } catch (GatewayException e) {
            return new ExampleCheck(name, soort, problems("XSD", e));
        }
        try {
            catalog.checkRules(namespace, soort, bytes);
        } catch (GatewayException e) {
            return new ExampleCheck(name, soort, problems("business rules", e));
        }
        return new ExampleCheck(name, soort, List.of());
    }

    private static List<String> problems(String what, GatewayException e) {
        List<String> out = new ArrayList<>();
        out.add(what + ": " + e.getMessage());
        for (Violation v : e.violations().stream().limit(VIOLATIONS_PER_EXAMPLE).toList()) {
            String where = v.line() != null ? "line " + v.line() + (v.column() != null ? ":" + v.column() : "")
                    : v.location() != null ? v.location() : "";
            out.add("  " + (where.isEmpty() ? "" : where + ": ") + v.message());
        }
        if (e.violations().size() > VIOLATIONS_PER_EXAMPLE) {
            out.add("  … and " + (e.violations().size() - VIOLATIONS_PER_EXAMPLE) + " more");
        }
        return out;
    }

    private static String overdrachtsoort(Element root) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "overdrachtsoort".equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    /** A ZIP may wrap the release in one extra folder (as GitHub's downloads do). */
    private static Path singleTopFolder(Path unpacked) throws IOException {
        try (Stream<Path> children = Files.list(unpacked)) {
            List<Path> kept = children.filter(p -> !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals("__MACOSX")).toList();
            return kept.size() == 1 && Files.isDirectory(kept.get(0)) ? kept.get(0) : unpacked;
        }
    }

    /** Renames the checked copy into place; an existing version is moved aside first and restored if that fails. */
    private static void moveIntoPlace(Path staged, Path target, Path staging) throws IOException {
        Path previous = staging.resolve("previous");
        boolean movedAside = false;
        if (Files.exists(target)) {
            rename(target, previous);
            movedAside = true;
        }
        try {
            rename(staged, target);
        } catch (IOException e) {
            if (movedAside) {
                rename(previous, target);
            }
            throw e;
        }
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
