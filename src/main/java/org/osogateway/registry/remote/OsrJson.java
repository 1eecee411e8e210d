package org.osogateway.registry.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.Mandate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that knows the OSR's JSON layout (not public, so ours; adapt here if the real one differs).
 *
 * <p>Endpoints: a JSON array (or an object with a {@code "data"} array) of
 * {@code {"routing_id": "0000000700004HR77707", "school_oin": "0000000700004HR00000", "vestiging": "01"|null,
 * "supplier_oin": "00000003…", "service_version_namespace": "…", "url": "https://…", "valid_from": "2024-01-01",
 * "valid_to": null, "services": ["overstapdossier"]}}; {@code vestiging}, {@code valid_to} and {@code services}
 * may be missing (services then default to {@link Endpoint#DEFAULT_SERVICES}).
 *
 * <p>Mandates: an array (or {@code "data"} array) of {@code {"supplier_oin", "school_oin",
 * "service_version_namespace", "valid_from", "valid_to"}}, {@code valid_to} optional.
 */
public final class OsrJson {
    private final ObjectMapper mapper = new ObjectMapper();

    /** Endpoints from an OSR answer body. */
    public List<Endpoint> endpoints(String body) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode n : items(body)) {
            String schoolOin = text(n, "school_oin", true);
            Set<String> services = new LinkedHashSet<>();
            n.path("services").forEach(s -> services.add(s.asText()));
            endpoints.add(new Endpoint(text(n, "routing_id", true), SchoolOin.brinOf(schoolOin),
                    text(n, "vestiging", false), text(n, "supplier_oin", true),
                    text(n, "service_version_namespace", true), text(n, "url", true),
                    date(n, "valid_from", true), date(n, "valid_to", false), services));
        }
        return List.copyOf(endpoints);
    }

    /** Mandates from an OSR answer body. */
    public List<Mandate> mandates(String body) {
        List<Mandate> mandates = new ArrayList<>();
        for (JsonNode n : items(body)) {
            mandates.add(new Mandate(SchoolOin.brinOf(text(n, "school_oin", true)), text(n, "supplier_oin", true),
                    text(n, "service_version_namespace", true), date(n, "valid_from", true), date(n, "valid_to", false)));
        }
        return List.copyOf(mandates);
    }

    private JsonNode items(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("OSR answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root != null && root.isObject() && root.has("data")) {
            root = root.get("data");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("OSR answer is not a JSON array");
        }
        return root;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException("OSR entry lacks " + field + ": " + n);
            }
            return null;
        }
        return v.asText();
    }

    private static LocalDate date(JsonNode n, String field, boolean required) {
        String s = text(n, field, required);
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("OSR entry has a bad " + field + ": " + s, e);
        }
    }
}
