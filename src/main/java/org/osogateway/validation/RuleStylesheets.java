package org.osogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds the official business-rule stylesheets in a version folder and ties them to a dossier
 * namespace and the overdrachtsoorten they judge, by the official layout's file names.
 */
final class RuleStylesheets {
    /** Official stylesheet file name → the overdrachtsoorten it validates (OSO-gegevensset layout). */
    static final Map<String, List<String>> PROFILES = Map.of(
            "ValideerOverstapprofielen.xsl", List.of("overstapdossier", "overdrachtbinnenbrin"),
            "ValideerSwvPaO-profielen.xsl", List.of("swv-dossier"));

    private RuleStylesheets() {
    }

    static List<Path> find(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> PROFILES.containsKey(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan " + dir + " for business rules", e);
        }
    }

    /** Compiles the stylesheets whose root element binds {@code namespace}: those written for that dossier version. */
    static Map<String, BusinessRules> compileFor(String namespace, List<Path> stylesheets) {
        Map<String, BusinessRules> bySoort = new HashMap<>();
        for (Path xsl : stylesheets) {
            if (!declaresNamespace(xsl, namespace)) {
                continue;
            }
            BusinessRules rules = BusinessRules.compile(xsl);
            for (String soort : PROFILES.get(xsl.getFileName().toString())) {
                BusinessRules earlier = bySoort.putIfAbsent(soort, rules);
                if (earlier != null) {
                    throw new IllegalStateException("Two business-rule stylesheets for " + namespace + " and " + soort
                            + ": " + earlier.source() + " and " + xsl);
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
