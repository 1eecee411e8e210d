package org.osogateway.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;
import net.sf.saxon.s9api.XdmNode;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** The dossier schemas the gateway accepts, keyed by the namespace of the dossier root element. */
public final class SchemaCatalog {

    /** Classpath location of the project's own demo dossier schema. */
    public static final String DEMO_SCHEMA_RESOURCE = "xsd/demo/oso-demo-dossier-v1.xsd";

    /** More findings than this help nobody and cost time on hostile input. */
    static final int MAX_VIOLATIONS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaCatalog.class);

    /** Official release folders are named like 2019.1 or 2019.1.1. */
    private static final Pattern RELEASE_FOLDER = Pattern.compile("\\d{4}(\\.\\d+)+");

    // Each thread keeps the validator handler it used last, per namespace: making one costs about as much as a
    // small dossier's validation. StreamedValidation gives one back only after a clean end of a small dossier.
    private final ThreadLocal<Map<String, ValidatorHandler>> handlers = ThreadLocal.withInitial(HashMap::new);

    /** Runs the compilation at once on a daemon thread of its own. */
    public static final Executor ON_ITS_OWN_THREAD = task -> {
        Thread compiler = new Thread(task, "schema-catalog-compile");
        compiler.setDaemon(true);
        compiler.start();
    };

    /** Where a catalog is in its compilation. */
    public enum State { COMPILING, READY, FAILED }

    // empty until compiled: requireReady() keeps dossiers away from a catalog that is still compiling
    private volatile Map<String, CatalogEntry> entries = Map.of();
    private final CompletableFuture<SchemaCatalog> compiled = new CompletableFuture<>();

    private SchemaCatalog() {
    }

    /**
     * Scans each directory recursively for *.xsd files and compiles one schema per target namespace.
     * Files that other scanned files include or import are parts, not dossier schemas, and are skipped.
     * The schemas and business-rule stylesheets are compiled side by side, one per processor.
     *
     * @param dirs        directories to scan (for example the folders of the official OSO-gegevensset)
     * @param includeDemo also register the project's demo schema from the classpath
     * @throws IllegalStateException when one namespace has two different schemas, or a schema does not compile
     * @throws UncheckedIOException  when a directory or file cannot be read
     */
    public static SchemaCatalog load(List<Path> dirs, boolean includeDemo) {
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.compile(scanAll(dirs, includeDemo), Runtime.getRuntime().availableProcessors());
        if (catalog.compiled.isCompletedExceptionally()) {
            throw catalog.failure();
        }
        return catalog;
    }

    /**
     * Scans at once (a missing folder or two schemas for one namespace throw here, as in {@link #load}) and compiles
     * in the background: until that is done {@link #requireReady} refuses, and a failure is logged and kept.
     */
    public static SchemaCatalog loadInBackground(List<Path> dirs, boolean includeDemo) {
        return loadInBackground(dirs, includeDemo, ON_ITS_OWN_THREAD);
    }

    /**
     * As {@link #loadInBackground(List, boolean)}, the compilation handed to {@code starter}, which runs it on a
     * thread of its own when it sees fit (after the start, say; tests hold it back).
     */
    public static SchemaCatalog loadInBackground(List<Path> dirs, boolean includeDemo, Executor starter) {
        SchemaCatalog catalog = new SchemaCatalog();
        Scanned scanned = scanAll(dirs, includeDemo);
        starter.execute(() -> {
            catalog.compile(scanned, Runtime.getRuntime().availableProcessors());
            if (catalog.compiled.isCompletedExceptionally()) {
                LOG.error("The dossier schemas could not be compiled; this gateway accepts no dossiers until it is "
                        + "restarted with schemas that compile: {}", catalog.failure().getMessage());
            }
        });
        return catalog;
    }

    /** Compiling, ready, or failed (then {@link #requireReady} names the cause). */
    public State state() {
        if (!compiled.isDone()) {
            return State.COMPILING;
        }
        return compiled.isCompletedExceptionally() ? State.FAILED : State.READY;
    }

    /** Completes with this catalog once it is compiled, or exceptionally with why it could not be. */
    public CompletableFuture<SchemaCatalog> whenCompiled() {
        return compiled.copy();
    }

    /**
     * @throws GatewayException TEMPORARILY_UNAVAILABLE while the schemas are still compiling (the start-up), or when
     *                          they could not be compiled; nothing was accepted, the sender may retry
     */
    public void requireReady() {
        switch (state()) {
            case READY -> { }
            case COMPILING -> throw new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The gateway is starting: its dossier schemas are still being compiled; retry shortly");
            case FAILED -> throw new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The gateway cannot accept dossiers: its dossier schemas could not be compiled (see its log)");
        }
    }

    /** Why compiling failed (for a FAILED catalog), as the compilation threw it. */
    public RuntimeException failure() {
        if (state() != State.FAILED) {
            throw new IllegalStateException("the catalog is " + state() + ", not FAILED");
        }
        try {
            compiled.join();
            throw new IllegalStateException("unreachable: a failed catalog completed normally");
        } catch (CompletionException e) {
            return (RuntimeException) e.getCause(); // compile() completes it only with RuntimeExceptions
        }
    }

    /** What the scan found: each namespace's chosen schema, and the stylesheets beside them. */
    private record Scanned(Map<String, Candidate> chosen, List<Path> stylesheets) {
    }

    private static Scanned scanAll(List<Path> dirs, boolean includeDemo) {
        List<Candidate> candidates = new ArrayList<>();
        List<Path> stylesheets = new ArrayList<>();
        for (Path dir : dirs) {
            candidates.addAll(scan(dir));
            stylesheets.addAll(RuleStylesheets.find(dir));
        }
        if (includeDemo) {
            candidates.add(demoCandidate());
        }
        Map<String, Candidate> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, List<Candidate>> group : groupByNamespace(candidates).entrySet()) {
            chosen.put(group.getKey(), choose(group.getKey(), group.getValue()));
        }
        return new Scanned(chosen, stylesheets);
    }

    /** Compiles every schema and stylesheet side by side (the stylesheets take longest); completes {@link #compiled}. */
    private void compile(Scanned scanned, int threads) {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), new CompileThreads());
        try {
            Map<String, CompletableFuture<Schema>> schemas = new LinkedHashMap<>();
            Map<String, CompletableFuture<Map<String, BusinessRules>>> rules = new LinkedHashMap<>();
            // the stylesheets first: they take longest, so they should not wait behind the schemas
            for (String namespace : scanned.chosen().keySet()) {
                rules.put(namespace, RuleStylesheets.compileFor(namespace, scanned.stylesheets(), pool));
            }
            for (Candidate chosen : scanned.chosen().values()) {
                schemas.put(chosen.namespace(), CompletableFuture.supplyAsync(() -> compileTimed(chosen), pool));
            }
            Map<String, CatalogEntry> result = new LinkedHashMap<>();
            for (Candidate chosen : scanned.chosen().values()) {
                Map<String, BusinessRules> byRules = join(rules.get(chosen.namespace()));
                result.put(chosen.namespace(), new CatalogEntry(chosen.namespace(), chosen.version(),
                        chosen.displayPath(), join(schemas.get(chosen.namespace())), byRules));
                LOG.info("Registered dossier schema {} (version {}) from {}; business rules for {}", chosen.namespace(),
                        chosen.version(), chosen.displayPath(), byRules.isEmpty() ? "none" : new TreeMap<>(byRules).keySet());
            }
            entries = Collections.unmodifiableMap(result);
            LOG.info("Compiled the dossier schema catalog {} in {} ms", result.keySet(),
                    (System.nanoTime() - started) / 1_000_000);
            compiled.complete(this);
        } catch (RuntimeException e) {
            compiled.completeExceptionally(e);
        } catch (Error e) {
            // e.g. out of memory: the catalog must end FAILED, not stay COMPILING for ever
            compiled.completeExceptionally(new IllegalStateException("Compiling the dossier schemas failed: " + e, e));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Schema compileTimed(Candidate candidate) {
        long started = System.nanoTime();
        SchemaFactory factory = SecureXml.newSchemaFactory(); // not thread-safe: one per compilation
        factory.setErrorHandler(FAIL_ON_ERROR);
        Schema schema = compile(factory, candidate);
        LOG.info("Compiled dossier schema {} in {} ms", candidate.displayPath(), (System.nanoTime() - started) / 1_000_000);
        return schema;
    }

    /** The value, or the compilation's own exception rather than the future's wrapper. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Daemon threads: a compilation never holds up the JVM's exit. */
    private static final class CompileThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "schema-compile-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** The entry for a dossier namespace, if one is registered. */
    public Optional<CatalogEntry> find(String namespace) {
        return Optional.ofNullable(entries.get(namespace));
    }

    /** All registered namespaces, sorted. */
    public Set<String> namespaces() {
        return entries.keySet();
    }

    /** All registered entries, sorted by namespace. */
    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * Validates a standalone dossier document against the schema registered for its namespace.
     *
     * @throws GatewayException UNSUPPORTED_DOSSIER_VERSION for an unknown namespace, MALFORMED_REQUEST for
     *                          input that is not well-formed or holds a DTD, SCHEMA_VIOLATION with all
     *                          findings (at most {@value #MAX_VIOLATIONS}) when it does not validate
     */
    public void validate(String namespace, byte[] dossierXml) {
        CatalogEntry entry = entries.get(namespace);
        if (entry == null) {
            throw new GatewayException(GatewayErrorCode.UNSUPPORTED_DOSSIER_VERSION,
                    "No dossier schema is registered for namespace '" + namespace + "'; registered: " + String.join(", ", entries.keySet()));
        }
        // Validators are not thread-safe; creating one per call is cheap next to the validation itself.
        Validator validator = SecureXml.newValidator(entry.schema());
        ViolationCollector collector = new ViolationCollector(MAX_VIOLATIONS, null);
        validator.setErrorHandler(collector);
        try {
            validator.validate(SecureXml.saxSource(dossierXml));
        } catch (SAXException e) {
            if (!collector.truncated()) {
                throw e instanceof SAXParseException pe ? SecureXml.malformed(pe)
                        : new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The dossier could not be read", e);
            }
        } catch (IOException e) {
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The dossier could not be read", e);
        }
        if (!collector.violations().isEmpty()) {
            throw schemaViolation(namespace, collector);
        }
    }

    static GatewayException schemaViolation(String namespace, ViolationCollector collector) {
        return new GatewayException(GatewayErrorCode.SCHEMA_VIOLATION,
                "The dossier does not validate against the schema for " + namespace + collector.countSuffix(),
                collector.violations());
    }

    /**
     * A validation to feed from the stream the dossier is read from; empty for an unknown namespace. With
     * {@code rulesTree} (and business rules registered for the namespace) it also builds the rules' input tree
     * from the same stream, so that the rules need no parse.
     */
    public Optional<StreamedValidation> streamedValidation(String namespace, boolean rulesTree) {
        CatalogEntry entry = entries.get(namespace);
        if (entry == null) {
            return Optional.empty();
        }
        boolean tree = rulesTree && !entry.rules().isEmpty();
        Map<String, ValidatorHandler> mine = handlers.get();
        ValidatorHandler handler = mine.remove(namespace);
        return Optional.of(new StreamedValidation(namespace, handler != null ? handler
                : SecureXml.newValidatorHandler(entry.schema()), tree ? BusinessRules.newTreeBuilder() : null,
                used -> mine.put(namespace, used)));
    }

    /**
     * Runs the official business rules registered for the namespace and overdrachtsoort.
     *
     * @return the meldingen that do not reject (warnings and notes), to be recorded
     * @throws GatewayException BUSINESS_RULE_VIOLATION with one violation per {@code Fout} melding
     */
    public List<Melding> checkRules(String namespace, String overdrachtsoort, byte[] dossierXml) {
        return checkRules(namespace, overdrachtsoort, rules -> rules.run(dossierXml));
    }

    /** As {@link #checkRules(String, String, byte[])}, on the rules' input tree built while the dossier was read. */
    public List<Melding> checkRules(String namespace, String overdrachtsoort, XdmNode dossierTree) {
        return checkRules(namespace, overdrachtsoort, rules -> rules.run(dossierTree));
    }

    private List<Melding> checkRules(String namespace, String overdrachtsoort,
                                     Function<BusinessRules, List<Melding>> run) {
        CatalogEntry entry = entries.get(namespace);
        BusinessRules rules = entry == null ? null : entry.rules().get(overdrachtsoort);
        if (rules == null) {
            return List.of();
        }
        List<Melding> meldingen = run.apply(rules);
        List<org.osogateway.fault.Violation> errors = meldingen.stream().filter(Melding::isError)
                .limit(MAX_VIOLATIONS)
                .map(m -> org.osogateway.fault.Violation.atLocation(m.locatie(), m.tekst())).toList();
        if (!errors.isEmpty()) {
            long total = meldingen.stream().filter(Melding::isError).count();
            throw new GatewayException(GatewayErrorCode.BUSINESS_RULE_VIOLATION, "The dossier breaks " + total
                    + " official business rule(s) of " + entry.version() + " for " + overdrachtsoort, errors);
        }
        return meldingen;
    }

    /** One XSD file that may become a catalog entry. */
    private record Candidate(String namespace, String sha256, String systemId, String displayPath, String version, boolean common) {
    }

    private static List<Candidate> scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("Schema directory not found: " + dir));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".xsd"))
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan schema directory " + dir, e);
        }
        Map<Path, XsdHeader> headers = new LinkedHashMap<>();
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        Set<URI> referenced = new HashSet<>();
        for (Path file : files) {
            byte[] bytes = readAll(file);
            XsdHeader header = header(bytes, file.toUri(), file.toString());
            headers.put(file, header);
            contents.put(file, bytes);
            referenced.addAll(header.references());
        }
        List<Candidate> result = new ArrayList<>();
        for (Path file : files) {
            XsdHeader header = headers.get(file);
            if (header.targetNamespace() == null || referenced.contains(file.toUri())) {
                continue; // a chameleon part or an included/imported part of another schema
            }
            result.add(new Candidate(header.targetNamespace(), DossierCanonicalizer.sha256Hex(contents.get(file)),
                    file.toUri().toString(), file.toString(), versionOf(file), isUnderCommon(file)));
        }
        return result;
    }

    private static Candidate demoCandidate() {
        URL url = SchemaCatalog.class.getClassLoader().getResource(DEMO_SCHEMA_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("Demo schema not on the classpath: " + DEMO_SCHEMA_RESOURCE);
        }
        byte[] bytes;
        URI uri;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
            uri = url.toURI();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo schema " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad demo schema URL " + url, e);
        }
        String display = "classpath:" + DEMO_SCHEMA_RESOURCE;
        XsdHeader header = header(bytes, uri, display);
        String name = Path.of(DEMO_SCHEMA_RESOURCE).getFileName().toString();
        return new Candidate(header.targetNamespace(), DossierCanonicalizer.sha256Hex(bytes), url.toExternalForm(), display,
                name.substring(0, name.length() - ".xsd".length()), false);
    }

    private static Map<String, List<Candidate>> groupByNamespace(List<Candidate> candidates) {
        return candidates.stream().collect(Collectors.groupingBy(Candidate::namespace, TreeMap::new, Collectors.toList()));
    }

    /** Identical copies are one schema (the official layout repeats it); prefer the copy under common/. */
    private static Candidate choose(String namespace, List<Candidate> sameNamespace) {
        Candidate first = sameNamespace.get(0);
        for (Candidate other : sameNamespace) {
            if (!other.sha256().equals(first.sha256())) {
                throw new IllegalStateException("Two different schemas for namespace '" + namespace + "': "
                        + first.displayPath() + " and " + other.displayPath());
            }
        }
        return sameNamespace.stream().min(Comparator.comparing((Candidate c) -> !c.common())).orElseThrow();
    }

    private static Schema compile(SchemaFactory factory, Candidate candidate) {
        try {
            // The systemId lets xs:include/xs:import resolve relative to the schema's own location.
            return factory.newSchema(new StreamSource(candidate.systemId()));
        } catch (SAXException e) {
            throw new IllegalStateException("Cannot compile schema " + candidate.displayPath() + ": " + e.getMessage(), e);
        }
    }

    private static XsdHeader header(byte[] bytes, URI base, String display) {
        try {
            return XsdHeader.read(new ByteArrayInputStream(bytes), base);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read schema " + display + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + file, e);
        }
    }

    private static String versionOf(Path file) {
        for (Path p = file.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
            if (RELEASE_FOLDER.matcher(p.getFileName().toString()).matches()) {
                return p.getFileName().toString();
            }
        }
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".xsd".length());
    }

    private static boolean isUnderCommon(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("common");
    }

    /** Schema compilation must stop on the first error rather than print it and go on. */
    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override public void warning(SAXParseException e) { }
        @Override public void error(SAXParseException e) throws SAXParseException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
    };
}
