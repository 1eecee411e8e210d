package org.osogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What an official OSO-gegevensset release folder holds: its dossier schema(s), business-rule stylesheets with
 * their includes, example dossiers and release notes, the dossier namespace and the version.
 *
 * @param root          the release folder
 * @param version       e.g. {@code 2019.1}
 * @param versionSource where the version was read from (folder name, example, stylesheet, namespace)
 * @param namespace     the dossier namespace
 * @param dossierSchemas the dossier XSDs (relative to root); identical copies may appear several times
 * @param ruleStylesheets the official business-rule stylesheets (relative to root)
 * @param examples      the example dossiers, {@code **}/examples/*.xml (relative to root)
 * @param files         every file to install (relative to root): schemas and their parts, stylesheets and their
 *                      includes, examples and release notes
 */
public record OfficialRelease(Path root, String version, String versionSource, String namespace,
                              List<Path> dossierSchemas, List<Path> ruleStylesheets, List<Path> examples, Set<Path> files) {

    /** Namespace of an OSO-gegevensset dossier; group 1 is the year. */
    static final Pattern DOSSIER_NAMESPACE = Pattern.compile("http://www\\.edustandaard\\.nl/oso_gegevensset/(\\d{4})/dossier");
    /** An official version: 2019.1, 2019.1.1. */
    static final Pattern VERSION = Pattern.compile("\\d{4}(\\.\\d+)+");
    private static final Pattern RELEASE_NOTES = Pattern.compile("(?i).*release[ _-]?notes.*");
    private static final Pattern SAFE_FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern XSL_VERSION = Pattern.compile("standaardversie[^']{0,400}?'(\\d{4}(?:\\.\\d+)+)'");
    private static final String XSL_NS = "http://www.w3.org/1999/XSL/Transform";

    public OfficialRelease {
        dossierSchemas = List.copyOf(dossierSchemas);
        ruleStylesheets = List.copyOf(ruleStylesheets);
        examples = List.copyOf(examples);
        files = java.util.Collections.unmodifiableSet(new TreeSet<>(files));
    }

    /**
     * Inspects a release folder.
     *
     * @param root     the folder laid out like {@code oso-gegevensset/<version>} (OV/, PaO/, common/ ...)
     * @param nameHint a name that may carry the version when the folder's own name does not (e.g. the ZIP's name); may be null
     * @throws ReleaseInstallException BAD_INPUT when no dossier schema is found, several namespaces are, or a
     *                                 schema part or stylesheet include is missing or outside the folder
     */
    public static OfficialRelease inspect(Path root, String nameHint) throws ReleaseInstallException, IOException {
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw ReleaseInstallException.badInput("Not a folder: " + root);
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(base)) {
            all = walk.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        }
        Set<Path> files = new TreeSet<>();

        // Schemas: the dossier schema(s) are the XSDs that no other XSD includes or imports.
        Map<Path, XsdHeader> headers = new LinkedHashMap<>();
        Set<URI> referenced = new HashSet<>();
        for (Path p : all) {
            if (p.getFileName().toString().toLowerCase().endsWith(".xsd")) {
                XsdHeader h = readXsd(p);
                headers.put(p, h);
                referenced.addAll(h.references());
            }
        }
        List<Path> tops = headers.entrySet().stream()
                .filter(e -> e.getValue().targetNamespace() != null && !referenced.contains(e.getKey().toUri()))
                .map(Map.Entry::getKey).toList();
        List<Path> dossier = tops.stream()
                .filter(p -> DOSSIER_NAMESPACE.matcher(headers.get(p).targetNamespace()).matches()).toList();
        if (dossier.isEmpty()) {
            dossier = tops;
        }
        if (dossier.isEmpty()) {
            throw ReleaseInstallException.badInput("No dossier schema (*.xsd with a targetNamespace) found in " + root);
        }
        Set<String> namespaces = new TreeSet<>();
        dossier.forEach(p -> namespaces.add(headers.get(p).targetNamespace()));
        if (namespaces.size() > 1) {
            throw ReleaseInstallException.badInput("Several dossier namespaces in " + root + ": " + namespaces
                    + "; install one version folder at a time");
        }
        String namespace = namespaces.iterator().next();
        for (Path xsd : dossier) {
            addWithReferences(base, xsd, files, p -> headers.containsKey(p) ? headers.get(p).references() : readXsd(p).references(),
                    "schema part");
        }

        // Business rules: the official stylesheets and everything they include or import.
        List<Path> stylesheets = all.stream().filter(p -> RuleStylesheets.PROFILES.containsKey(p.getFileName().toString())).toList();
        for (Path xsl : stylesheets) {
            addWithReferences(base, xsl, files, OfficialRelease::stylesheetReferences, "stylesheet include");
        }

        List<Path> examples = all.stream().filter(OfficialRelease::isExample).toList();
        files.addAll(examples);
        all.stream().filter(p -> RELEASE_NOTES.matcher(p.getFileName().toString()).matches()).forEach(files::add);

        String[] version = version(base, nameHint, examples, stylesheets, namespace);
        return new OfficialRelease(base, version[0], version[1], namespace, relative(base, dossier), relative(base, stylesheets),
                relative(base, examples), new TreeSet<>(relative(base, List.copyOf(files))));
    }

    /** An example dossier: an .xml file directly in a folder named examples. */
    static boolean isExample(Path p) {
        Path parent = p.getParent();
        return p.getFileName().toString().toLowerCase().endsWith(".xml") && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equalsIgnoreCase("examples");
    }

    /** The dossier year of the namespace, if it is an OSO-gegevensset namespace. */
    static Optional<String> namespaceYear(String namespace) {
        Matcher m = DOSSIER_NAMESPACE.matcher(namespace);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private interface References {
        List<URI> of(Path file) throws ReleaseInstallException, IOException;
    }

    /** Adds the file and, recursively, the local files it refers to; all must exist inside base. */
    private static void addWithReferences(Path base, Path start, Set<Path> into, References refs, String what)
            throws ReleaseInstallException, IOException {
        Deque<Path> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Path file = todo.pop();
            if (!into.add(file)) {
                continue;
            }
            for (URI uri : refs.of(file)) {
                if (!"file".equalsIgnoreCase(uri.getScheme())) {
                    throw ReleaseInstallException.badInput(base.relativize(file) + " refers to " + uri
                            + ", which is not a file of the release");
                }
                Path target = Path.of(uri).toAbsolutePath().normalize();
                if (!target.startsWith(base)) {
                    throw ReleaseInstallException.badInput(base.relativize(file) + " refers to " + uri + " outside the release folder");
                }
                if (!Files.isRegularFile(target)) {
                    throw ReleaseInstallException.badInput("Missing " + what + ": " + base.relativize(file) + " refers to "
                            + base.relativize(target) + ", which is not in the release");
                }
                todo.push(target);
            }
        }
    }

    private static XsdHeader readXsd(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return XsdHeader.read(in, file.toUri());
        }
    }

    /** The hrefs of the top-level xsl:include and xsl:import elements, resolved against the stylesheet. */
    static List<URI> stylesheetReferences(Path xsl) throws ReleaseInstallException, IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        List<URI> refs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xsl)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (depth == 2 && XSL_NS.equals(r.getNamespaceURI())
                                && (r.getLocalName().equals("include") || r.getLocalName().equals("import"))) {
                            String href = r.getAttributeValue(null, "href");
                            if (href != null && !href.isBlank()) {
                                refs.add(xsl.toUri().resolve(href.trim().replace(" ", "%20")));
                            }
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw ReleaseInstallException.badInput("Cannot read stylesheet " + xsl + ": " + e.getMessage());
        }
        return refs;
    }

    /** {version, source}: the folder name, else standaardversie of an example or a stylesheet, else the namespace year. */
    private static String[] version(Path base, String nameHint, List<Path> examples, List<Path> stylesheets, String namespace)
            throws ReleaseInstallException, IOException {
        for (String name : new String[] {base.getFileName() == null ? null : base.getFileName().toString(), nameHint}) {
            if (name != null && VERSION.matcher(name).matches()) {
                return new String[] {name, "folder name"};
            }
        }
        Pattern element = Pattern.compile("<(?:\\w+:)?standaardversie>\\s*(\\d{4}(?:\\.\\d+)+)\\s*</");
        for (Path example : examples) {
            Matcher m = element.matcher(Files.readString(example, StandardCharsets.UTF_8));
            if (m.find()) {
                return checked(m.group(1), "standaardversie of " + base.relativize(example));
            }
        }
        for (Path xsl : stylesheets) {
            Set<Path> seen = new HashSet<>();
            Deque<Path> todo = new ArrayDeque<>(List.of(xsl));
            while (!todo.isEmpty()) {
                Path file = todo.pop();
                if (!seen.add(file)) {
                    continue;
                }
                Matcher m = XSL_VERSION.matcher(Files.readString(file, StandardCharsets.UTF_8));
                if (m.find()) {
                    return checked(m.group(1), "standaardversie rule in " + base.relativize(file));
                }
                for (URI uri : stylesheetReferences(file)) {
                    todo.push(Path.of(uri));
                }
            }
        }
        Optional<String> year = namespaceYear(namespace);
        if (year.isPresent()) {
            return new String[] {year.get(), "namespace year"};
        }
        throw ReleaseInstallException.badInput("Cannot tell the version of the release in " + base
                + ": name the folder or ZIP after it (e.g. 2019.1)");
    }

    private static String[] checked(String version, String source) throws ReleaseInstallException {
        if (!SAFE_FOLDER_NAME.matcher(version).matches()) {
            throw ReleaseInstallException.badInput("Unusable version '" + version + "' from " + source);
        }
        return new String[] {version, source};
    }

    private static List<Path> relative(Path base, List<Path> paths) {
        return paths.stream().map(base::relativize).toList();
    }
}
