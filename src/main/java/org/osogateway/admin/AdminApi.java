package org.osogateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import java.sql.SQLException;
import org.osogateway.registry.Agreement;
import org.osogateway.registry.Board;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.InvalidRegistryException;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.registry.RegistryFileWriter;
import org.osogateway.registry.Mandate;
import org.osogateway.registry.RegistryChange;
import org.osogateway.registry.RegistryData;
import org.osogateway.registry.RegistryRejectedException;
import org.osogateway.registry.RegistryService;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.registry.RuleFinding;
import org.osogateway.registry.School;
import org.osogateway.registry.Supplier;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.MessageLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API (JSON) under {@code /admin} on the ops port: list, get, create, update and end registry
 * entries, the connection report, the whole registry as a registry file (export and import), and the delivery
 * jobs (list, show, re-send) for the operator CLI. Every registry change goes through {@link RegistryService}. Access needs
 * {@code Authorization: Bearer <secret>} of a named token of {@code gateway.admin.tokens} with the role the call needs
 * (GET: read, registry changes: registry, re-send: deliveries); the token's name is the audited actor.
 */
public final class AdminApi implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private final RegistryService service;
    private final RoutingRegistry routing;
    private final DeliveryQueries deliveries;
    private final DeliveryJobs jobs;
    private final AdminTokens tokens;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** {@code routing} answers the connection reports: the registry that routes (local or the OSR). */
    public AdminApi(RegistryService service, RoutingRegistry routing, DeliveryQueries deliveries, DeliveryJobs jobs,
                    AdminTokens tokens) {
        this.service = service;
        this.routing = routing;
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.tokens = tokens;
        if (tokens.isEmpty()) {
            LOG.warn("{} is not set: the admin API refuses every call with 401", AdminTokens.SETTING);
        } else {
            LOG.info("admin tokens: {}", tokens.names());
        }
    }

    /** An answer with an HTTP status and a JSON body (or, with a content type, a text body as it is). */
    private record Reply(int status, Object body, String contentType) {
        Reply(int status, Object body) {
            this(status, body, null);
        }
    }

    /** A request error with its status, message and (for 400) the field it names. */
    private static final class Problem extends RuntimeException {
        final int status;
        final String field;
        final List<String> errors;

        Problem(int status, String field, List<String> errors) {
            super(errors.get(0));
            this.status = status;
            this.field = field;
            this.errors = errors;
        }

        Problem(int status, String field, String error) {
            this(status, field, List.of(error));
        }
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class).toUpperCase();
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (uri.contains("?")) {
            query = query != null ? query : uri.substring(uri.indexOf('?') + 1);
            uri = uri.substring(0, uri.indexOf('?'));
        }
        String authorization = in.getHeader("Authorization", String.class);
        String body = in.getBody(String.class);
        // no request header may travel back as a response header
        in.getHeaders().clear();
        Reply reply;
        try {
            Optional<AdminTokens.Principal> principal = tokens.fromBearer(authorization);
            if (principal.isEmpty()) {
                reply = new Reply(401, error(401, null, List.of(tokens.isEmpty()
                        ? "the admin API is disabled until " + AdminTokens.SETTING + " is set"
                        : "missing or wrong bearer token")));
                in.setHeader("WWW-Authenticate", "Bearer realm=\"oso-gateway-admin\"");
            } else {
                AdminTokens.Role needed = roleNeeded(method, segments(uri));
                if (!principal.get().may(needed)) {
                    reply = new Reply(403, error(403, null, List.of("token '" + principal.get().name()
                            + "' lacks the role '" + needed.configName() + "' this call needs")));
                } else {
                    reply = route(method, segments(uri), parseQuery(query), body, principal.get().name());
                }
            }
        } catch (Problem p) {
            reply = new Reply(p.status, error(p.status, p.field, p.errors));
        } catch (RegistryRejectedException e) {
            int status = switch (e.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            String field = status == 400 ? e.findings().stream().findFirst().map(RuleFinding::field).orElse(null) : null;
            reply = new Reply(status, error(status, field, e.errors()));
        } catch (InvalidRegistryException e) {
            reply = new Reply(400, error(400, null, e.errors()));
        } catch (RuntimeException e) {
            LOG.error("admin API {} {} failed", method, uri, e);
            reply = new Reply(500, error(500, null, List.of("internal error: " + e.getClass().getSimpleName())));
        }
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        if (reply.contentType() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
            in.setBody(reply.body());
            return;
        }
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            in.setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(reply.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET reads; a re-send or purge of deliveries needs deliveries; every other change needs registry. */
    static AdminTokens.Role roleNeeded(String method, List<String> path) {
        if (method.equals("GET")) {
            return AdminTokens.Role.READ;
        }
        return path.size() > 1 && path.get(1).equals("deliveries") ? AdminTokens.Role.DELIVERIES : AdminTokens.Role.REGISTRY;
    }

    // ---- routing of paths ----

    private Reply route(String method, List<String> p, Map<String, String> q, String body, String actor) {
        if (p.isEmpty() || !p.get(0).equals("admin")) {
            throw notFound();
        }
        List<String> path = p.subList(1, p.size());
        if (path.isEmpty()) {
            return get(method, () -> Map.of("resources", List.of("boards", "schools", "suppliers", "mandates", "endpoints",
                    "registry", "deliveries")));
        }
        String resource = path.get(0);
        int n = path.size();
        return switch (resource) {
            case "boards" -> boards(method, path, n, q, body, actor);
            case "schools" -> schools(method, path, n, q, body, actor);
            case "suppliers" -> suppliers(method, path, n, body, actor);
            case "mandates" -> mandates(method, path, n, q, body, actor);
            case "endpoints" -> endpoints(method, path, n, q, body, actor);
            case "registry" -> registry(method, n, q, body, actor);
            case "deliveries" -> deliveries(method, path, n, q, body, actor);
            default -> throw notFound();
        };
    }

    // The whole registry in the registry file format: what 'registry export' and 'registry import' do.
    private Reply registry(String method, int n, Map<String, String> q, String body, String actor) {
        if (n != 1) {
            throw notFound();
        }
        if (method.equals("PUT")) {
            if (body == null || body.isBlank()) {
                throw new Problem(400, null, "the request body must be a registry file (YAML)");
            }
            boolean dryRun = Boolean.parseBoolean(q.getOrDefault("dryRun", "false"));
            RegistryService.Result result = service.importData(actor,
                    new RegistryFileLoader().parse(body, "request body"), dryRun);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("dryRun", dryRun);
            reply.put("changes", result.changes());
            reply.put("registryStored", result.stored());
            return new Reply(200, reply);
        }
        requireMethod(method, "GET");
        return new Reply(200, new RegistryFileWriter().write(service.current()), "application/yaml");
    }

    private Reply deliveries(String method, List<String> path, int n, Map<String, String> q, String body, String actor) {
        if (n == 1) {
            return get(method, () -> sql(() -> deliveries.list(
                    q.get("state") == null ? null : enumValue(DeliveryState.class, q.get("state"), "state"),
                    q.get("receiver"), q.get("since") == null ? null : instant(q.get("since"), "since"),
                    limit(q.get("limit")))));
        }
        long id = messagePk(path.get(1), q.get("senderBrin"));
        if (n == 2) {
            return get(method, () -> sql(() -> deliveries.status(id))
                    .orElseThrow(() -> new Problem(404, null, "no message with id " + id)));
        }
        if (n == 3 && path.get(2).equals("resend")) {
            requireMethod(method, "POST");
            String reason = text(object(body), "reason", true);
            if (!sql(() -> jobs.resend(id, actor, reason, java.time.Instant.now()))) {
                throw new Problem(409, null, "message " + id + " is not FAILED (or unknown, or its payload was purged);"
                        + " nothing re-sent");
            }
            return new Reply(200, Map.of("id", id, "resent", true));
        }
        throw notFound();
    }

    private interface SqlRead<T> {
        T get() throws SQLException;
    }

    private static <T> T sql(SqlRead<T> read) {
        try {
            return read.get();
        } catch (SQLException e) {
            throw new IllegalStateException("store: " + e.getMessage(), e);
        }
    }

    // the numeric id of 'deliveries list', or a messageId with an optional ?senderBrin=
    private long messagePk(String reference, String senderBrin) {
        MessageLookup.Result found = sql(() -> new MessageLookup(deliveries).find(reference, senderBrin));
        if (found instanceof MessageLookup.Found f) {
            return f.pk();
        }
        if (found instanceof MessageLookup.Ambiguous a) {
            throw new Problem(409, "senderBrin", MessageLookup.ambiguity(a));
        }
        throw new Problem(404, null, "no message with id " + reference);
    }

    private static int limit(String value) {
        try {
            int limit = value == null ? 100 : Integer.parseInt(value);
            if (limit >= 1 && limit <= 10_000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new Problem(400, "limit", "limit must be a number from 1 to 10000");
    }

    private static java.time.Instant instant(String value, String field) {
        try {
            return java.time.Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Problem(400, field, "'" + field + "' must be an instant like 2026-11-29T00:00:00Z, not '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new Problem(400, field, "'" + field + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private Reply boards(String method, List<String> path, int n, Map<String, String> q, String body, String actor) {
        if (n == 1) {
            if (method.equals("POST")) {
                JsonNode b = object(body);
                String id = text(b, "id", true);
                return changed(201, service.createBoard(actor, new Board(id, text(b, "name", true))), "board", id);
            }
            return get(method, () -> service.current().boards().stream().map(board -> board(service.current(), board)).toList());
        }
        String id = path.get(1);
        if (n == 2) {
            if (method.equals("PUT")) {
                return changed(200, service.updateBoard(actor, id, text(object(body), "name", true)), "board", id);
            }
            return get(method, () -> board(service.current(), findBoard(service.current(), id)));
        }
        switch (path.get(2)) {
            case "connection" -> {
                if (n != 3) {
                    throw notFound();
                }
                return get(method, () -> boardConnection(id, date(q.get("date"), "date")));
            }
            case "agreements" -> {
                if (n == 3) {
                    if (method.equals("POST")) {
                        JsonNode b = object(body);
                        Agreement a = new Agreement(id, date(b, "validFrom", true), date(b, "validTo", false));
                        return changed(201, service.addAgreement(actor, a), "agreement", RegistryChange.key(a));
                    }
                    return get(method, () -> {
                        RegistryData d = service.current();
                        findBoard(d, id);
                        return d.agreements().stream().filter(a -> a.boardId().equals(id)).map(AdminApi::agreement).toList();
                    });
                }
                LocalDate from = date(path.get(3), "validFrom");
                String key = id + "@" + from;
                if (n == 4 && method.equals("PUT")) {
                    return changed(200, service.setAgreementEnd(actor, id, from, date(object(body), "validTo", false)),
                            "agreement", key);
                }
                if (n == 5 && path.get(4).equals("end")) {
                    requireMethod(method, "POST");
                    return changed(200, service.setAgreementEnd(actor, id, from, endDate(body)), "agreement", key);
                }
                if (n == 4) {
                    return get(method, () -> service.current().agreements().stream()
                            .filter(a -> RegistryChange.key(a).equals(key)).findFirst().map(AdminApi::agreement)
                            .orElseThrow(() -> new Problem(404, null, "board " + id + " has no agreement from " + from)));
                }
                throw notFound();
            }
            default -> throw notFound();
        }
    }

    private Reply schools(String method, List<String> path, int n, Map<String, String> q, String body, String actor) {
        if (n == 1) {
            if (method.equals("POST")) {
                JsonNode b = object(body);
                String brin = text(b, "brin", true);
                School school = new School(brin, text(b, "name", true), text(b, "board", true), texts(b, "vestigingen"));
                return changed(201, service.createSchool(actor, school), "school", brin);
            }
            return get(method, () -> service.current().schools().stream().map(AdminApi::school).toList());
        }
        String brin = path.get(1);
        if (n == 2) {
            if (method.equals("PUT")) {
                JsonNode b = object(body);
                return changed(200, service.updateSchool(actor, brin, text(b, "name", false), text(b, "board", false),
                        b.has("vestigingen") ? texts(b, "vestigingen") : null), "school", brin);
            }
            return get(method, () -> school(findSchool(service.current(), brin)));
        }
        if (n == 3 && path.get(2).equals("vestigingen")) {
            if (method.equals("POST")) {
                return changed(201, service.addVestiging(actor, brin, text(object(body), "code", true)), "school", brin);
            }
            return get(method, () -> findSchool(service.current(), brin).vestigingen());
        }
        if (n == 3 && path.get(2).equals("connection")) {
            return get(method, () -> routing.checkConnection(brin, q.get("vestiging"), date(q.get("date"), "date")));
        }
        throw notFound();
    }

    private Reply suppliers(String method, List<String> path, int n, String body, String actor) {
        if (n == 1) {
            if (method.equals("POST")) {
                JsonNode b = object(body);
                String oin = text(b, "oin", true);
                return changed(201, service.createSupplier(actor, new Supplier(oin, text(b, "name", true))), "supplier", oin);
            }
            return get(method, () -> service.current().suppliers());
        }
        if (n == 2) {
            String oin = path.get(1);
            if (method.equals("PUT")) {
                return changed(200, service.updateSupplier(actor, oin, text(object(body), "name", true)), "supplier", oin);
            }
            return get(method, () -> service.current().suppliers().stream().filter(s -> s.oin().equals(oin)).findFirst()
                    .orElseThrow(() -> new Problem(404, null, "no supplier " + oin)));
        }
        throw notFound();
    }

    private Reply mandates(String method, List<String> path, int n, Map<String, String> q, String body, String actor) {
        if (n == 1) {
            switch (method) {
                case "POST" -> {
                    Mandate m = mandateKey(object(body), date(object(body), "validTo", false));
                    return changed(201, service.addMandate(actor, m), "mandate", RegistryChange.key(m));
                }
                case "PUT" -> {
                    // the key fields name the mandate; only its end date can change
                    JsonNode b = object(body);
                    Mandate m = mandateKey(b, date(b, "validTo", false));
                    return changed(200, service.setMandateEnd(actor, m.brin(), m.supplierOin(), m.serviceVersion(),
                            m.validFrom(), m.validTo()), "mandate", RegistryChange.key(m));
                }
                default -> {
                    return get(method, () -> service.current().mandates().stream()
                            .filter(m -> q.get("brin") == null || m.brin().equals(q.get("brin")))
                            .filter(m -> q.get("supplier") == null || m.supplierOin().equals(q.get("supplier")))
                            .map(AdminApi::mandate).toList());
                }
            }
        }
        if (n == 2 && path.get(1).equals("end")) {
            requireMethod(method, "POST");
            Mandate m = mandateKey(object(body), endDate(body));
            return changed(200, service.setMandateEnd(actor, m.brin(), m.supplierOin(), m.serviceVersion(), m.validFrom(),
                    m.validTo()), "mandate", RegistryChange.key(m));
        }
        throw notFound();
    }

    private Reply endpoints(String method, List<String> path, int n, Map<String, String> q, String body, String actor) {
        if (n == 1) {
            if (method.equals("POST")) {
                Endpoint e = endpoint(object(body), null);
                return changed(201, service.createEndpoint(actor, e), "endpoint", e.routeringskenmerk());
            }
            return get(method, () -> service.current().endpoints().stream()
                    .filter(e -> q.get("brin") == null || e.brin().equals(q.get("brin"))).map(AdminApi::endpoint).toList());
        }
        String rk = path.get(1);
        if (n == 2) {
            if (method.equals("PUT")) {
                return changed(200, service.updateEndpoint(actor, endpoint(object(body), rk)), "endpoint", rk);
            }
            return get(method, () -> endpoint(findEndpoint(service.current(), rk)));
        }
        if (n == 3 && path.get(2).equals("end")) {
            requireMethod(method, "POST");
            return changed(200, service.setEndpointEnd(actor, rk, endDate(body)), "endpoint", rk);
        }
        throw notFound();
    }

    // ---- answers ----

    private interface Read {
        Object get();
    }

    private static Reply get(String method, Read read) {
        requireMethod(method, "GET");
        return new Reply(200, read.get());
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new Problem(405, null, "method " + method + " not allowed here (use " + allowed + ")");
        }
    }

    private Reply changed(int status, RegistryService.Result result, String entity, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", entity);
        body.put("key", key);
        body.put("changes", result.changes());
        body.put("registryStored", result.stored());
        return new Reply(status, body);
    }

    private Object boardConnection(String id, LocalDate date) {
        RegistryData d = service.current();
        Board board = findBoard(d, id);
        List<ConnectionReport> reports = d.schools().stream().filter(s -> s.boardId().equals(id))
                .map(s -> routing.checkConnection(s.brin(), null, date)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("board", board.id());
        body.put("name", board.name());
        body.put("referenceDate", date);
        body.put("schools", reports);
        return body;
    }

    private static Map<String, Object> error(int status, String field, List<String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", errors.get(0));
        body.put("errors", errors);
        return body;
    }

    private static Problem notFound() {
        return new Problem(404, null, "no such admin resource");
    }

    // ---- JSON views, in the registry file's field names ----

    private static Map<String, Object> board(RegistryData d, Board board) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", board.id());
        m.put("name", board.name());
        m.put("agreements", d.agreements().stream().filter(a -> a.boardId().equals(board.id())).map(AdminApi::agreement).toList());
        m.put("schools", d.schools().stream().filter(s -> s.boardId().equals(board.id())).map(School::brin).toList());
        return m;
    }

    private static Map<String, Object> agreement(Agreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("board", a.boardId());
        m.put("validFrom", a.validFrom());
        m.put("validTo", a.validTo());
        return m;
    }

    private static Map<String, Object> school(School s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("brin", s.brin());
        m.put("name", s.name());
        m.put("board", s.boardId());
        m.put("vestigingen", s.vestigingen());
        return m;
    }

    private static Map<String, Object> mandate(Mandate x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("brin", x.brin());
        m.put("supplier", x.supplierOin());
        m.put("serviceVersion", x.serviceVersion());
        m.put("validFrom", x.validFrom());
        m.put("validTo", x.validTo());
        return m;
    }

    private static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("routeringskenmerk", e.routeringskenmerk());
        m.put("brin", e.brin());
        m.put("vestiging", e.vestiging());
        m.put("supplier", e.supplierOin());
        m.put("serviceVersion", e.serviceVersion());
        m.put("url", e.url());
        m.put("validFrom", e.validFrom());
        m.put("validTo", e.validTo());
        m.put("services", new TreeSet<>(e.services()));
        return m;
    }

    private static Board findBoard(RegistryData d, String id) {
        return d.boards().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new Problem(404, null, "no board " + id));
    }

    private static School findSchool(RegistryData d, String brin) {
        return d.schools().stream().filter(s -> s.brin().equals(brin)).findFirst()
                .orElseThrow(() -> new Problem(404, null, "no school " + brin));
    }

    private static Endpoint findEndpoint(RegistryData d, String rk) {
        return d.endpoints().stream().filter(e -> e.routeringskenmerk().equals(rk)).findFirst()
                .orElseThrow(() -> new Problem(404, null, "no endpoint " + rk));
    }

    // ---- reading requests ----

    private Mandate mandateKey(JsonNode b, LocalDate validTo) {
        return new Mandate(text(b, "brin", true), text(b, "supplier", true), text(b, "serviceVersion", true),
                date(b, "validFrom", true), validTo);
    }

    private Endpoint endpoint(JsonNode b, String pathKey) {
        String rk = pathKey != null ? pathKey : text(b, "routeringskenmerk", true);
        if (pathKey != null && b.hasNonNull("routeringskenmerk") && !pathKey.equals(b.get("routeringskenmerk").asText())) {
            throw new Problem(400, "routeringskenmerk", "routeringskenmerk in the body differs from the one in the path");
        }
        Set<String> services = texts(b, "services");
        for (String s : services) {
            if (!Endpoint.ALL_SERVICES.contains(s)) {
                throw new Problem(400, "services", "'services' may hold " + new TreeSet<>(Endpoint.ALL_SERVICES) + ", not '" + s + "'");
            }
        }
        return new Endpoint(rk, text(b, "brin", true), text(b, "vestiging", false), text(b, "supplier", true),
                text(b, "serviceVersion", true), text(b, "url", true), date(b, "validFrom", true),
                date(b, "validTo", false), services);
    }

    /** The end date of an "end" call: the body's validTo, or today when the body is empty. */
    private LocalDate endDate(String body) {
        if (body == null || body.isBlank()) {
            return service.today();
        }
        LocalDate to = date(object(body), "validTo", false);
        return to != null ? to : service.today();
    }

    private JsonNode object(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Problem(400, null, "the request body must be a JSON object");
            }
            return node;
        } catch (Problem p) {
            throw p;
        } catch (Exception e) {
            throw new Problem(400, null, "the request body is not valid JSON");
        }
    }

    private static String text(JsonNode b, String field, boolean required) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Problem(400, field, "missing field '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Problem(400, field, "field '" + field + "' must be a string (codes keep their leading zeros)");
        }
        return v.asText();
    }

    private static Set<String> texts(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Set.of();
        }
        if (!v.isArray()) {
            throw new Problem(400, field, "field '" + field + "' must be a list of strings");
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new Problem(400, field, "field '" + field + "' must be a list of strings");
            }
            result.add(item.asText());
        }
        return result;
    }

    private static LocalDate date(JsonNode b, String field, boolean required) {
        String value = text(b, field, required);
        return value == null ? null : parseDate(value, field);
    }

    /** A date from the query string; today when absent. */
    private LocalDate date(String value, String field) {
        return value == null ? service.today() : parseDate(value, field);
    }

    private static LocalDate parseDate(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Problem(400, field, "field '" + field + "' must be a date like 2024-01-31, not '" + value + "'");
        }
    }

    private static List<String> segments(String uri) {
        return Arrays.stream(uri.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> map = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return map;
    }
}
