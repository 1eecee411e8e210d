package org.osogateway.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the operator's YAML registry file into {@link RegistryData} and refuses a file with any error
 * (shape, format, reference, R4, R5), listing all errors at once.
 *
 * <p>Errors are found in two passes: first the file's shape (unknown or missing keys, values that are
 * not text or dates, unknown aliases); only when that is clean, the rules of {@link RegistryValidator}.
 * The second pass needs complete entries, and would otherwise report follow-up errors of the first.
 */
public final class RegistryFileLoader {
    private static final List<String> TOP_KEYS = List.of("serviceVersions", "boards", "suppliers", "schools");
    private static final List<String> BOARD_KEYS = List.of("id", "name", "agreements");
    private static final List<String> PERIOD_KEYS = List.of("validFrom", "validTo");
    private static final List<String> SUPPLIER_KEYS = List.of("oin", "name");
    private static final List<String> SCHOOL_KEYS = List.of("brin", "name", "board", "vestigingen", "mandates", "endpoints");
    private static final List<String> MANDATE_KEYS = List.of("supplier", "serviceVersion", "validFrom", "validTo");
    private static final List<String> ENDPOINT_KEYS = List.of("routeringskenmerk", "vestiging", "supplier",
            "serviceVersion", "url", "validFrom", "validTo", "services");

    /** The prefix of a location that names a resource on the classpath. */
    public static final String CLASSPATH = "classpath:";

    private final YAMLMapper mapper = new YAMLMapper();
    private final RegistryValidator validator = new RegistryValidator();

    /** Reads and checks the registry file. */
    public RegistryData load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry file " + file, e);
        }
        return parse(yaml, file.toString());
    }

    /**
     * Reads and checks the registry at a location as {@code gateway.registry.file} gives it: a path, or
     * {@code classpath:RESOURCE} for one built in (the example registry).
     */
    public RegistryData read(String location) {
        if (!location.startsWith(CLASSPATH)) {
            return load(Path.of(location));
        }
        String resource = location.substring(CLASSPATH.length());
        try (var in = RegistryFileLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("registry file not found on the classpath: " + resource);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry file " + location, e);
        }
    }

    /** Reads and checks registry YAML; {@code sourceName} prefixes every error message. */
    public RegistryData parse(String yaml, String sourceName) {
        String source = "registry file " + sourceName;
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidRegistryException(List.of(source + ": not valid YAML: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRegistryException(List.of(source + ": must be a mapping with boards, suppliers and schools"));
        }
        List<String> errors = new ArrayList<>();
        RegistryData data = new Reader(errors).read(new YamlEntry(root, "", errors));
        if (!errors.isEmpty()) {
            throw new InvalidRegistryException(errors.stream().map(e -> source + ": " + e).toList());
        }
        validator.requireValid(data, source);
        return data;
    }

    /** One pass over the file's tree; collects shape errors and builds the entries that are complete. */
    private static final class Reader {
        private final List<String> errors;
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final List<Board> boards = new ArrayList<>();
        private final List<Agreement> agreements = new ArrayList<>();
        private final List<Supplier> suppliers = new ArrayList<>();
        private final List<School> schools = new ArrayList<>();
        private final List<Mandate> mandates = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();

        Reader(List<String> errors) {
            this.errors = errors;
        }

        RegistryData read(YamlEntry root) {
            root.relabel("top level").allowOnly(TOP_KEYS);
            for (String[] alias : root.relabel("serviceVersions").textMap("serviceVersions")) {
                aliases.put(alias[0], alias[1]);
            }
            root.entries("boards", "board").forEach(this::board);
            root.entries("suppliers", "supplier").forEach(this::supplier);
            root.entries("schools", "school").forEach(this::school);
            return new RegistryData(boards, agreements, schools, suppliers, mandates, endpoints);
        }

        private void board(YamlEntry entry) {
            String id = entry.text("id", true);
            YamlEntry board = id == null ? entry : entry.relabel("board " + id);
            board.allowOnly(BOARD_KEYS);
            String name = board.text("name", true);
            for (YamlEntry agreementEntry : board.entries("agreements", "agreement")) {
                agreementEntry.allowOnly(PERIOD_KEYS);
                LocalDate from = agreementEntry.date("validFrom", true);
                LocalDate to = agreementEntry.date("validTo", false);
                if (id != null && from != null) {
                    agreements.add(new Agreement(id, from, to));
                }
            }
            if (id != null && name != null) {
                boards.add(new Board(id, name));
            }
        }

        private void supplier(YamlEntry entry) {
            String oin = entry.text("oin", true);
            YamlEntry supplier = oin == null ? entry : entry.relabel("supplier " + oin);
            supplier.allowOnly(SUPPLIER_KEYS);
            String name = supplier.text("name", true);
            if (oin != null && name != null) {
                suppliers.add(new Supplier(oin, name));
            }
        }

        private void school(YamlEntry entry) {
            String brin = entry.text("brin", true);
            YamlEntry school = brin == null ? entry : entry.relabel("school " + brin);
            school.allowOnly(SCHOOL_KEYS);
            String name = school.text("name", true);
            String board = school.text("board", true);
            // duplicates in the list are harmless for a set, but probably a slip: say so
            Set<String> vestigingen = new LinkedHashSet<>();
            for (String vestiging : school.texts("vestigingen")) {
                if (!vestigingen.add(vestiging)) {
                    school.error("vestiging " + vestiging + " listed twice");
                }
            }
            school.entries("mandates", "mandate").forEach(m -> mandate(brin, m));
            school.entries("endpoints", "endpoint").forEach(e -> endpoint(brin, e));
            if (brin != null && name != null && board != null) {
                schools.add(new School(brin, name, board, vestigingen));
            }
        }

        private void mandate(String brin, YamlEntry entry) {
            entry.allowOnly(MANDATE_KEYS);
            String supplier = entry.text("supplier", true);
            String version = serviceVersion(entry);
            LocalDate from = entry.date("validFrom", true);
            LocalDate to = entry.date("validTo", false);
            if (brin != null && supplier != null && version != null && from != null) {
                mandates.add(new Mandate(brin, supplier, version, from, to));
            }
        }

        private void endpoint(String brin, YamlEntry entry) {
            String routeringskenmerk = entry.text("routeringskenmerk", true);
            YamlEntry endpoint = routeringskenmerk == null || brin == null ? entry
                    : entry.relabel("school " + brin + " endpoint " + routeringskenmerk);
            endpoint.allowOnly(ENDPOINT_KEYS);
            String vestiging = endpoint.text("vestiging", false);
            String supplier = endpoint.text("supplier", true);
            String version = serviceVersion(endpoint);
            String url = endpoint.text("url", true);
            LocalDate from = endpoint.date("validFrom", true);
            LocalDate to = endpoint.date("validTo", false);
            Set<String> services = new TreeSet<>(endpoint.texts("services"));
            for (String service : services) {
                if (!Endpoint.ALL_SERVICES.contains(service)) {
                    endpoint.error("'services' may hold " + new TreeSet<>(Endpoint.ALL_SERVICES) + ", not '" + service + "'");
                }
            }
            if (brin != null && routeringskenmerk != null && supplier != null && version != null && url != null
                    && from != null) {
                endpoints.add(new Endpoint(routeringskenmerk, brin, vestiging, supplier, version, url, from, to, services));
            }
        }

        /** An alias from {@code serviceVersions}, or a namespace URI written out in full. */
        private String serviceVersion(YamlEntry entry) {
            String value = entry.text("serviceVersion", true);
            if (value == null) {
                return null;
            }
            String resolved = aliases.get(value);
            if (resolved != null) {
                return resolved;
            }
            if (!value.contains(":")) {
                // a namespace URI always has a scheme; a bare word can only be a (mistyped) alias
                entry.error("unknown service version alias '" + value + "' (known: " + String.join(", ", aliases.keySet()) + ")");
                return null;
            }
            return value;
        }
    }
}
