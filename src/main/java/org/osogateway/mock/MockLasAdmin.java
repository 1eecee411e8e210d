package org.osogateway.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The mock's own HTTP admin paths:
 * <pre>
 * GET    /mock/behaviour                      current behaviour (JSON)
 * POST   /mock/behaviour                      replace it; JSON body or query parameters:
 *                                             status, soapFault (Client|Server), retryAfter (s), delayMs, failFirst
 * POST   /mock/reset                          default behaviour (a scenario starts again), forget received calls
 * GET    /mock/received                       summary of received calls (JSON, no dossier bytes)
 * DELETE /mock/received                       forget received calls
 * GET    /mock/received/{messageId}/dossier   the dossier XML of the newest call with that messageId
 * </pre>
 */
final class MockLasAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECEIVED = "/mock/received";

    private final MockLas mock;

    MockLasAdmin(MockLas mock) {
        this.mock = mock;
    }

    ResponseDefinition handle(Request request, String path) {
        RequestMethod method = request.getMethod();
        try {
            if (path.equals("/mock/behaviour")) {
                if (method.equals(RequestMethod.GET)) {
                    return json(200, behaviourJson());
                }
                if (method.equals(RequestMethod.POST) || method.equals(RequestMethod.PUT)) {
                    applyBehaviour(request);
                    return json(200, behaviourJson());
                }
            } else if (path.equals("/mock/reset") && method.equals(RequestMethod.POST)) {
                mock.reset();
                return json(200, behaviourJson());
            } else if (path.equals(RECEIVED)) {
                if (method.equals(RequestMethod.GET)) {
                    return json(200, receivedJson());
                }
                if (method.equals(RequestMethod.DELETE)) {
                    mock.clearReceived();
                    return json(200, receivedJson());
                }
            } else if (path.startsWith(RECEIVED + "/") && path.endsWith("/dossier") && method.equals(RequestMethod.GET)) {
                String encoded = path.substring(RECEIVED.length() + 1, path.length() - "/dossier".length());
                String messageId = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
                Optional<byte[]> dossier = mock.dossierFor(messageId);
                if (dossier.isEmpty()) {
                    return error(404, "no dossier kept for messageId " + messageId);
                }
                return new ResponseDefinitionBuilder().withStatus(200)
                        .withHeader("Content-Type", "application/xml; charset=utf-8").withBody(dossier.get()).build();
            }
            return error(404, "unknown admin path or method: " + method + " " + path);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    /** Replaces the behaviour as a whole: what is not given goes back to its default (succeed, no delay). */
    private void applyBehaviour(Request request) {
        JsonNode body = readBody(request);
        Integer status = intParam(request, body, "status");
        String soapFault = textParam(request, body, "soapFault");
        Integer retryAfter = intParam(request, body, "retryAfter");
        Integer delayMs = intParam(request, body, "delayMs");
        Integer failFirst = intParam(request, body, "failFirst");
        if (status != null && soapFault != null) {
            throw new IllegalArgumentException("give status or soapFault, not both");
        }
        Duration retry = retryAfter == null ? null : Duration.ofSeconds(retryAfter);
        FailureMode mode = null;
        if (soapFault != null) {
            mode = FailureMode.soapFault(soapFault, retry);
        } else if (status != null) {
            mode = FailureMode.httpStatus(status, retry);
        } else if (failFirst != null) {
            mode = FailureMode.httpStatus(503, retry); // failFirst alone: the most common transient failure
        }
        Duration delay = Duration.ofMillis(delayMs == null ? 0 : delayMs);
        synchronized (mock) {
            if (mode == null) {
                mock.succeed();
            } else if (failFirst != null) {
                mock.failFirst(failFirst, mode);
            } else {
                mock.always(mode);
            }
            mock.delay(delay);
        }
    }

    private ObjectNode behaviourJson() {
        ObjectNode node = JSON.createObjectNode();
        Optional<MockLasScenario> scenario = mock.scenario();
        if (scenario.isPresent()) {
            // the rules decide per call; a single mode would be misleading
            node.put("mode", "SCENARIO");
            node.put("scenario", scenario.get().source());
            node.put("rules", scenario.get().rules().size());
            return node;
        }
        Optional<FailureMode> mode = mock.failureMode();
        node.put("mode", mode.map(FailureMode::label).orElse("RECEIVED"));
        mode.ifPresent(m -> {
            node.put("status", m.httpStatus());
            if (m.isSoapFault()) {
                node.put("soapFault", m.soapFaultCode());
            }
            if (m.retryAfter() != null) {
                node.put("retryAfter", m.retryAfter().toSeconds());
            }
        });
        node.put("failuresLeft", mock.failuresLeft());
        node.put("delayMs", mock.currentDelay().toMillis());
        return node;
    }

    private ObjectNode receivedJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("totalCalls", mock.totalCalls());
        node.put("totalDelivered", mock.totalDelivered());
        node.put("keepCalls", mock.keepCalls());
        ArrayNode calls = node.putArray("calls");
        for (ReceivedCall c : mock.received()) {
            ObjectNode n = calls.addObject();
            n.put("messageId", c.messageId());
            if (c.attempt() != null) {
                n.put("attempt", c.attempt());
            } else {
                n.putNull("attempt");
            }
            n.put("senderBrin", c.senderBrin());
            n.put("receiverBrin", c.receiverBrin());
            n.put("dossierSha256", c.dossierSha256());
            n.put("requestSize", c.requestSize());
            n.put("dossierSize", c.dossierSize());
            n.put("receivedAt", c.receivedAt().toString());
            n.put("httpStatus", c.httpStatus());
            n.put("answer", c.answer());
            if (c.clientCertificate() != null) {
                n.put("clientCertificate", c.clientCertificate());
            }
            n.put("dossierKept", c.dossier() != null);
        }
        return node;
    }

    private static JsonNode readBody(Request request) {
        byte[] body = request.getBody();
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }

    private static String textParam(Request request, JsonNode body, String name) {
        QueryParameter q = request.queryParameter(name);
        if (q != null && q.isPresent() && !q.values().isEmpty()) {
            return q.values().get(0);
        }
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer intParam(Request request, JsonNode body, String name) {
        String text = textParam(request, body, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static ResponseDefinition json(int status, JsonNode node) {
        try {
            return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node)).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ResponseDefinition error(int status, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        return json(status, node);
    }
}
