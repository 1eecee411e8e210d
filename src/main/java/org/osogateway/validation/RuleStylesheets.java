package org.osogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the official business-rule stylesheets in a version folder and ties them to a dossier
 * namespace and the overdrachtsoorten they judge, by the official layout's file names.
 */
final class RuleStylesheets {
    /** Official stylesheet file name → the overdrachtsoorten it validates (OSO-gegevensset layout). */
    static final Map<String, List<String>> PROFILES = Map.of(
            "ValideerOverstapprofielen.xsl", List.of("overstapdossier", "overdrachtbinnenbrin"),
            "ValideerSwvPaO-profielen.xsl", List.of("swv-dossier"));
    private static final Logger LOG = LoggerFactory.getLogger(RuleStylesheets.class);

    private RuleStylesheets() {
    }

    static List<Path> find(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> PROFILES.containsKey(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan " + dir + " for business rules", e);
        }
    }

    /**
     * Compiles, on {@code pool}, the stylesheets whose root element binds {@code namespace}: those written for that
     * dossier version; completes with them by overdrachtsoort.
     */
    static CompletableFuture<Map<String, BusinessRules>> compileFor(String namespace, List<Path> stylesheets,
                                                                    Executor pool) {
        List<CompletableFuture<BusinessRules>> compiling = stylesheets.stream()
                .filter(xsl -> declaresNamespace(xsl, namespace))
                .map(xsl -> CompletableFuture.supplyAsync(() -> compileTimed(xsl), pool))
                .toList();
        return CompletableFuture.allOf(compiling.toArray(CompletableFuture[]::new))
                .thenApply(done -> bySoort(namespace, compiling.stream().map(CompletableFuture::join).toList()));
    }

    private static BusinessRules compileTimed(Path xsl) {
        long started = System.nanoTime();
        BusinessRules rules = BusinessRules.compile(xsl);
        LOG.info("Compiled business rules {} in {} ms", xsl, (System.nanoTime() - started) / 1_000_000);
        return rules;
    }

    private static Map<String, BusinessRules> bySoort(String namespace, List<BusinessRules> compiled) {
        Map<String, BusinessRules> bySoort = new HashMap<>();
        for (BusinessRules rules : compiled) {
            for (String soort : PROFILES.get(Path.of(rules.source()).getFileName().toString())) {
                BusinessRules earlier = bySoort.putIfAbsent(soort, rules);
                if (earlier != null) {
                    throw new IllegalStateException("Two business-rule stylesheets for " + namespace + " and " + soort
                            + ": " + earlier.source() + " and " + rules.source());
                }
            }
        }
        return bySoort;
    }

    private static boolean declaresNamespace(Path xsl, String namespace) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(xsl)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        for (int i = 0; i < r.getNamespaceCount(); i++) {
                            if (namespace.equals(r.getNamespaceURI(i))) {
                                return true;
                            }
                        }
                        return false;
                    }
                }
                return false;
            } finally {
                r.close();
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalStateException("Cannot read business rules " + xsl + ": " + e.getMessage(), e);
        }
    }
}
