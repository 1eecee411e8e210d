package org.osogateway.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.osogateway.registry.RegistrySnapshotRefresher;
import org.osogateway.validation.SchemaCatalog;

/**
 * {@code GET /health} on the ops port, for load balancers and operators: 200 when dossiers can be accepted (UP, or
 * DEGRADED while some receiver endpoint's circuit is not closed); 503 while the dossier schemas still compile
 * (STARTING) and when the store does not answer or the schemas could not be compiled (DOWN). Shows no registry or
 * dossier data.
 */
public final class HealthCheck implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource store;
    private final RegistrySnapshotRefresher registry;
    private final SchemaCatalog catalog;
    private final Map<String, Object> soap;
    private final List<String> warnings;
    private final Supplier<List<String>> circuitsNotClosed;

    /**
     * {@code soap}: how the SOAP port listens; {@code warnings}: insecure settings in force (the status stays UP);
     * {@code circuitsNotClosed}: receiver endpoints whose circuit is open or half open (the status is DEGRADED:
     * dossiers are still accepted, and wait for those receivers).
     */
    public HealthCheck(DataSource store, RegistrySnapshotRefresher registry, SchemaCatalog catalog, Map<String, Object> soap,
                       List<String> warnings, Supplier<List<String>> circuitsNotClosed) {
        this.store = store;
        this.registry = registry;
        this.catalog = catalog;
        this.soap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(soap));
        this.warnings = List.copyOf(warnings);
        this.circuitsNotClosed = circuitsNotClosed;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean storeUp = storeAnswers();
        SchemaCatalog.State schemas = catalog.state();
        boolean ready = storeUp && schemas == SchemaCatalog.State.READY;
        List<String> circuits = circuitsNotClosed.get();
        body.put("status", !storeUp || schemas == SchemaCatalog.State.FAILED ? "DOWN"
                : schemas == SchemaCatalog.State.COMPILING ? "STARTING" : circuits.isEmpty() ? "UP" : "DEGRADED");
        body.put("ready", ready);
        body.put("store", storeUp ? "UP" : "DOWN");
        body.put("dossierSchemaCatalog", schemas.name());
        body.put("delivery", Map.of("circuitsNotClosed", circuits));
        body.put("registryVersion", registry.loadedVersion());
        body.put("dossierSchemas", catalog.namespaces());
        body.put("soap", soap);
        body.put("warnings", warnings);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, ready ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }

    private boolean storeAnswers() {
        try (Connection c = store.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
