package org.osogateway.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One mapping of the registry file, read key by key so that every unknown key, missing key and wrong
 * value is collected with the entry's name rather than failing on the first one.
 */
final class YamlEntry {
    private final JsonNode node;
    private final String label;
    private final List<String> errors;

    YamlEntry(JsonNode node, String label, List<String> errors) {
        this.node = node;
        this.label = label;
        this.errors = errors;
    }

    String label() {
        return label;
    }

    /** The same mapping under a more telling name, once its identifying key is known. */
    YamlEntry relabel(String newLabel) {
        return new YamlEntry(node, newLabel, errors);
    }

    void error(String message) {
        errors.add(label + ": " + message);
    }

    /** Reports keys outside {@code allowed}, so a typo never passes silently. */
    void allowOnly(List<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error("unknown key '" + name + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** A text value; null (and an error when required) when absent. */
    String text(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                error("missing key '" + key + "'");
            }
            return null;
        }
        return asText(value, "'" + key + "'");
    }

    /** A date written as YYYY-MM-DD; null (and an error when required) when absent or wrong. */
    LocalDate date(String key, boolean required) {
        String value = text(key, required);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error("'" + key + "' must be a date like 2024-01-31, not '" + value + "'");
            return null;
        }
    }

    /** A list of text values; empty when absent. */
    List<String> texts(String key) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : sequence(key)) {
            String value = asText(item, "an item of '" + key + "'");
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    /** A list of mappings; empty when absent. Items are labelled "{@code what} {@code n}" until relabelled. */
    List<YamlEntry> entries(String key, String what) {
        List<YamlEntry> result = new ArrayList<>();
        int index = 0;
        for (JsonNode item : sequence(key)) {
            index++;
            String itemLabel = label.isEmpty() ? what + " " + index : label + " " + what + " " + index;
            if (item.isObject()) {
                result.add(new YamlEntry(item, itemLabel, errors));
            } else {
                errors.add(itemLabel + ": must be a mapping of keys to values");
            }
        }
        return result;
    }

    /** A mapping of names to text values, in file order; empty when absent. */
    List<String[]> textMap(String key) {
        List<String[]> result = new ArrayList<>();
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            error("'" + key + "' must be a mapping of names to values");
            return result;
        }
        value.fields().forEachRemaining(field -> {
            String text = asText(field.getValue(), "'" + key + "." + field.getKey() + "'");
            if (text != null) {
                result.add(new String[] {field.getKey(), text});
            }
        });
        return result;
    }

    private List<JsonNode> sequence(String key) {
        JsonNode value = node.get(key);
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            error("'" + key + "' must be a list");
            return items;
        }
        value.forEach(items::add);
        return items;
    }

    private String asText(JsonNode value, String what) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber() || value.isBoolean()) {
            // YAML reads 00 as 0 and 0000000300… as an octal number: codes must be quoted to keep their digits
            error(what + " must be written in quotes, e.g. \"00\" (unquoted, YAML reads "
                    + (value.isNumber() ? "digits as a number and drops leading zeros)" : "yes/no/true/false as a boolean)"));
            return null;
        }
        error(what + " must be a single value, not a " + value.getNodeType().toString().toLowerCase());
        return null;
    }
}
