package org.osogateway.registry.remote;

import org.osogateway.registry.Endpoint;
import org.osogateway.registry.Mandate;
import org.osogateway.tls.ClientTls;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Talks to an OSR-style REST API ({@code GET {base}/api/v2/endpoints}, {@code GET {base}/api/v2/mandates}) over
 * java.net.http: 2xx is parsed by {@link OsrJson}, 404 is an empty answer, anything else (429, 5xx, other
 * status, I/O error, timeout, unreadable body) is an {@link OsrUnavailableException}.
 */
public class OsrClient {
    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final OsrJson json = new OsrJson();

    /** {@code tls}: the gateway's client certificate, the trust for the OSR's certificate, and the TLS versions. */
    public OsrClient(URI base, Duration connectTimeout, Duration requestTimeout, ClientTls tls) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .sslContext(tls.sslContext())
                .sslParameters(tls.sslParameters())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The school's endpoints for a service version on the date. */
    public List<Endpoint> endpointsOfSchool(String schoolOin, String serviceVersion, LocalDate date) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("service_version_namespace", serviceVersion);
        q.put("school_oin", schoolOin);
        q.put("reference_date", date.toString());
        return fetch("/api/v2/endpoints", q, json::endpoints);
    }

    /** The endpoint(s) with this routeringskenmerk for a service version on the date. */
    public List<Endpoint> endpointsByRoutingId(String routingId, String serviceVersion, LocalDate date) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("service_version_namespace", serviceVersion);
        q.put("routing_id", routingId);
        q.put("reference_date", date.toString());
        return fetch("/api/v2/endpoints", q, json::endpoints);
    }

    /** Mandates of the school on the date; a null supplier or service version is left out of the query (any). */
    public List<Mandate> mandates(String supplierOin, String schoolOin, String serviceVersion, LocalDate date) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("supplier_oin", supplierOin);
        q.put("school_oin", schoolOin);
        q.put("service_version_namespace", serviceVersion);
        q.put("reference_date", date.toString());
        return fetch("/api/v2/mandates", q, json::mandates);
    }

    private <T> T fetch(String path, Map<String, String> query, Function<String, T> parser) {
        String qs = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + path + "?" + qs);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OsrUnavailableException("OSR " + path + " unreachable: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OsrUnavailableException("interrupted while asking the OSR " + path, null, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return parser.apply("[]");
        }
        if (status < 200 || status > 299) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(OsrClient::retryAfter).orElse(null);
            throw new OsrUnavailableException("OSR " + path + " answered HTTP " + status
                    + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), retryAfter, null);
        }
        try {
            return parser.apply(response.body());
        } catch (RuntimeException e) {
            throw new OsrUnavailableException("OSR " + path + " answer unusable: " + e.getMessage(), null, e);
        }
    }

    /** Retry-After as seconds or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
