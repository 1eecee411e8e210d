package org.osogateway.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.osogateway.registry.RegistrySnapshotRefresher;
import org.osogateway.validation.SchemaCatalog;

/**
 * {@code GET /health} on the ops port, for load balancers and operators: 200 when the store answers,
 * 503 when it does not (nothing can be accepted then). Shows no registry or dossier data.
 */
public final class HealthCheck implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource store;
    private final RegistrySnapshotRefresher registry;
    private final SchemaCatalog catalog;

    public HealthCheck(DataSource store, RegistrySnapshotRefresher registry, SchemaCatalog catalog) {
        this.store = store;
        this.registry = registry;
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean storeUp = storeAnswers();
        body.put("status", storeUp ? "UP" : "DOWN");
        body.put("store", storeUp ? "UP" : "DOWN");
        body.put("registryVersion", registry.loadedVersion());
        body.put("dossierSchemas", catalog.namespaces());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, storeUp ? 200 : 503);
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
