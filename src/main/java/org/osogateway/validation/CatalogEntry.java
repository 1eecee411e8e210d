package org.osogateway.validation;

import java.util.Map;
import javax.xml.validation.Schema;

/**
 * One registered dossier schema.
 *
 * @param namespace  target namespace, i.e. the namespace of the dossier root element
 * @param version    short label: the official release folder (e.g. {@code 2019.1}) or the file name without .xsd
 * @param sourcePath where the schema was read from (file path, or {@code classpath:…} for the demo schema)
 * @param schema     the compiled schema; thread-safe and shared, create a Validator per use
 * @param rules      official business rules by overdrachtsoort; empty for a version without rules
 */
public record CatalogEntry(String namespace, String version, String sourcePath, Schema schema,
                           Map<String, BusinessRules> rules) {

    public CatalogEntry {
        rules = Map.copyOf(rules);
    }
}
