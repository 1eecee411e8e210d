package org.osogateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.osogateway.registry.RegistrySnapshotRefresher;
import org.osogateway.validation.SchemaCatalog;

/**
 * {@code GET /health} on the ops port, for load balancers and operators: 200 when dossiers can be accepted (UP, or
 * DEGRADED while some receiver endpoint's circuit is not closed); 503 while the dossier schemas still compile
 * (STARTING) and when a readiness check other than the catalog is down (the store, the OSR) or the schemas could not
 * be compiled (DOWN). Its {@code ready} is {@code /health/ready}'s. Shows no registry or dossier data.
 */
public final class HealthCheck implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Readiness readiness;
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
    public HealthCheck(Readiness readiness, RegistrySnapshotRefresher registry, SchemaCatalog catalog, Map<String, Object> soap,
                       List<String> warnings, Supplier<List<String>> circuitsNotClosed) {
        this.readiness = readiness;
        this.registry = registry;
        this.catalog = catalog;
        this.soap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(soap));
        this.warnings = List.copyOf(warnings);
        this.circuitsNotClosed = circuitsNotClosed;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        Readiness.Result r = readiness.check();
        boolean ready = r.ready();
        String schemas = r.state("dossierSchemaCatalog");
        List<String> circuits = circuitsNotClosed.get();
        boolean compiling = SchemaCatalog.State.COMPILING.name().equals(schemas);
        // not ready for another reason than the compilation at start-up: DOWN
        boolean down = !ready && !(compiling && r.checks().entrySet().stream()
                .allMatch(e -> e.getKey().equals("dossierSchemaCatalog") || isUp(e.getValue())));
        body.put("status", down ? "DOWN" : compiling ? "STARTING" : circuits.isEmpty() ? "UP" : "DEGRADED");
        body.put("ready", ready);
        body.put("store", r.state("store"));
        body.put("dossierSchemaCatalog", schemas);
        if (r.state("registry") != null) {
            body.put("registry", r.state("registry"));
        }
        body.put("delivery", Map.of("circuitsNotClosed", circuits));
        body.put("registryVersion", registry.loadedVersion());
        body.put("dossierSchemas", catalog.namespaces());
        body.put("soap", soap);
        body.put("warnings", warnings);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, ready ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }

    private static boolean isUp(String state) {
        return "UP".equals(state);
    }
}
