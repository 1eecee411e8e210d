package org.osogateway.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * {@code GET /health/live} and {@code GET /health/ready} on the ops port. Live: 200 while the process runs and its
 * Camel context is started, 503 otherwise (restart it). Ready: 200 only while every readiness check is up, else 503
 * naming each check's state (take it out of the load balancer). Neither shows registry, dossier or secret data.
 */
public final class HealthProbes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;
    private final Readiness readiness;

    public HealthProbes(CamelContext context, Readiness readiness) {
        this.context = context;
        this.readiness = readiness;
    }

    /** Liveness: {@code {"live":true}}. */
    public void live(Exchange exchange) throws JsonProcessingException {
        boolean live = context.getStatus().isStarted();
        answer(exchange, live, Map.of("live", live));
    }

    /** Readiness: {@code {"ready":false,"checks":{"store":"DOWN","dossierSchemaCatalog":"READY"}}}. */
    public void ready(Exchange exchange) throws JsonProcessingException {
        Readiness.Result r = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", r.ready());
        body.put("checks", r.checks());
        answer(exchange, r.ready(), body);
    }

    private static void answer(Exchange exchange, boolean ok, Map<String, Object> body) throws JsonProcessingException {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, ok ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }
}
