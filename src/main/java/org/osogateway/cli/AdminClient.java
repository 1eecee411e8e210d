package org.osogateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The running gateway's admin API as the store commands use it while the gateway holds the embedded store:
 * bearer token from gateway.admin.client-token; the gateway audits the token's name as the actor.
 */
final class AdminClient {
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status and body; {@link #json()} reads a JSON body. */
    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CommandFailure("the admin API answered something other than JSON (HTTP " + status + ")", e);
            }
        }

        /** The admin API's error message (its "message" field). */
        String message() {
            JsonNode m = json().get("message");
            return m == null ? "HTTP " + status : m.asText();
        }

        <T> java.util.List<T> asListOf(Class<T> type) {
            try {
                return JSON.readerForListOf(type).readValue(body);
            } catch (IOException e) {
                throw new CommandFailure("cannot read the admin API's answer as a list of " + type.getSimpleName(), e);
            }
        }

        /** This answer when it is a success, else the admin API's message as the command's failure. */
        Response orFail() {
            if (!ok()) {
                throw new CommandFailure("the running gateway's admin API: " + message(), null);
            }
            return this;
        }

        <T> T as(Class<T> type) {
            try {
                return JSON.treeToValue(json(), type);
            } catch (IOException e) {
                throw new CommandFailure("cannot read the admin API's answer as " + type.getSimpleName(), e);
            }
        }
    }

    /** {@code baseUrl} like http://127.0.0.1:8081 */
    AdminClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    String baseUrl() {
        return baseUrl;
    }

    Response get(String path, Map<String, String> query) {
        return send(request(path, query).GET());
    }

    Response post(String path, Map<String, String> query, Object jsonBody) {
        try {
            return send(request(path, query).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(jsonBody))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Response put(String path, Map<String, String> query, String contentType, String body) {
        return send(request(path, query).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        String q = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + "/admin" + path + (q.isEmpty() ? "" : "?" + q)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CommandFailure("the store is held by a running gateway, but its admin API at " + baseUrl
                    + " does not answer (check gateway.admin.host and gateway.admin.port)", e);
        } catch (IOException e) {
            throw new CommandFailure("the running gateway's admin API at " + baseUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
        if (response.statusCode() == 401) {
            throw new CommandFailure("the running gateway's admin API at " + baseUrl + " refused gateway.admin.client-token"
                    + " (it is none of the gateway.admin.tokens that gateway runs with)", null);
        }
        if (response.statusCode() == 403) {
            throw new CommandFailure("the running gateway's admin API: " + new Response(403, response.body()).message(), null);
        }
        return new Response(response.statusCode(), response.body());
    }
}
