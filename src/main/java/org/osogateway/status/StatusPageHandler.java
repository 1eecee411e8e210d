package org.osogateway.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.osogateway.admin.AdminTokens;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.store.DeadLetterQuery;
import org.osogateway.store.DeliveryJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's requests: login and logout, the page, the connection check and re-sending a dead letter. Every
 * page needs a session; a change (re-send, logout) also needs the session's CSRF token, re-sending the deliveries
 * role. Errors are one fixed sentence each (README "Status page").
 */
public final class StatusPageHandler {
    static final String NO_TOKENS = "No admin tokens are configured (gateway.admin.tokens): nobody can log in.";
    static final String UNKNOWN_TOKEN = "Unknown token.";
    static final String TOO_MANY_SESSIONS = "Too many sessions are open (gateway.status.max-sessions); try again later.";
    static final String BAD_CSRF = "This form is out of date or did not come from the status page; reload the page "
            + "and try again.";
    static final String NEEDS_DELIVERIES = "Re-sending needs a token with the deliveries role.";
    static final String NOT_IN_DEAD_LETTER = "This message is not in the dead letter (any more).";
    static final String NOT_RESENT = "The message was not re-sent: it left the dead letter or its payload was purged "
            + "in the meantime.";
    static final String STORE_DOWN = "The store cannot be read now; try again later.";
    static final String REGISTRY_DOWN = "The routing registry did not answer; try again later.";
    static final String RESENT = "The message is back in the delivery queue.";
    static final String RESENT_ENDPOINT = "The receiver's dead letter is back in the delivery queue.";
    static final String NOTHING_TO_RESEND = "This receiver has nothing in the dead letter (any more).";
    /** At most this many messages per click; a bigger dead letter takes another click (or the CLI). */
    static final int MAX_BULK = 5_000;
    private static final Map<String, String> NOTICES = Map.of("resent", RESENT, "resent-endpoint", RESENT_ENDPOINT);
    private static final Logger LOG = LoggerFactory.getLogger(StatusPageHandler.class);

    private final FlowQueries queries;
    private final DeliveryJobs jobs;
    private final DeadLetterQuery deadLetter;
    private final RoutingRegistry routing;
    private final AdminTokens tokens;
    private final StatusSessions sessions;
    private final StatusSettings settings;
    private final Clock clock;
    private final String css;

    StatusPageHandler(FlowQueries queries, DeliveryJobs jobs, DeadLetterQuery deadLetter, RoutingRegistry routing,
                      AdminTokens tokens, StatusSessions sessions, StatusSettings settings, Clock clock) {
        this.queries = queries;
        this.jobs = jobs;
        this.deadLetter = deadLetter;
        this.routing = routing;
        this.tokens = tokens;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
        this.css = stylesheet();
    }

    /** GET /status: the page, or to the login form without a session. */
    public void show(Exchange exchange) {
        OpsAnswer a = new OpsAnswer(exchange);
        Optional<StatusSessions.Session> session = sessionOrLogin(a);
        if (session.isEmpty()) {
            return;
        }
        try {
            StatusSnapshot snapshot = StatusSnapshot.read(queries, clock.instant(), settings.chartMinutes(),
                    settings.receivers(), settings.deadLetters());
            a.html(200, StatusPageView.render(snapshot, session.get(), settings.refreshSeconds(),
                    NOTICES.get(a.query.getOrDefault("notice", ""))));
        } catch (SQLException e) {
            LOG.warn("status page: the store cannot be read: {}", e.toString());
            a.html(503, FormsView.message("Status", STORE_DOWN));
        }
    }

    /** GET /status/login: the form. POST: checks the token and starts a session. */
    public void login(Exchange exchange) {
        OpsAnswer a = new OpsAnswer(exchange);
        if (!"POST".equals(a.method)) {
            a.html(200, FormsView.login(null));
            return;
        }
        if (tokens.isEmpty()) {
            a.html(401, FormsView.login(NO_TOKENS));
            return;
        }
        Optional<AdminTokens.Principal> principal = tokens.authenticate(a.form.get("token"));
        if (principal.isEmpty()) {
            a.html(401, FormsView.login(UNKNOWN_TOKEN));
            return;
        }
        Optional<StatusSessions.Session> session = sessions.start(principal.get());
        if (session.isEmpty()) {
            a.html(503, FormsView.login(TOO_MANY_SESSIONS));
            return;
        }
        LOG.info("status page: {} logged in", principal.get().name());
        a.sessionCookie(session.get().id(), sessions.maxAge().toSeconds());
        a.seeOther("/status");
    }

    /** POST /status/logout: ends the session and clears the cookie. */
    public void logout(Exchange exchange) {
        OpsAnswer a = new OpsAnswer(exchange);
        Optional<StatusSessions.Session> session = sessions.find(a.sessionCookie);
        if (session.isPresent() && !session.get().csrfMatches(a.form.get(StatusSessions.CSRF_FIELD))) {
            a.html(403, FormsView.message("Log out", BAD_CSRF));
            return;
        }
        session.ifPresent(s -> sessions.end(s.id()));
        a.sessionCookie("", 0);
        a.seeOther("/status/login");
    }

    /** GET /status/connection?brin=&vestiging=&date=: the connection report, as the admin API gives it. */
    public void connection(Exchange exchange) {
        OpsAnswer a = new OpsAnswer(exchange);
        Optional<StatusSessions.Session> session = sessionOrLogin(a);
        if (session.isEmpty()) {
            return;
        }
        String head = StatusPageView.whoAmI(session.get());
        String form = ConnectionView.form(a.query.get("brin"), a.query.get("vestiging"), a.query.get("date"));
        ConnectionQuery q;
        try {
            q = ConnectionQuery.parse(a.query, LocalDate.now(clock));
        } catch (ConnectionQuery.Invalid e) {
            a.html(400, Html.page("Connection check", 0, head + "<p class=\"error\" id=\"error\">"
                    + Html.esc(e.getMessage()) + "</p>" + form));
            return;
        }
        ConnectionReport report;
        try {
            report = routing.checkConnection(q.brin(), q.vestiging(), q.date());
        } catch (RuntimeException e) {
            // the OSR unreachable (gateway.registry.source=remote), or the store under the local registry
            LOG.warn("status page: connection check of {} failed: {}", q.brin(), e.toString());
            a.html(503, Html.page("Connection check", 0, head + "<p class=\"error\" id=\"error\">"
                    + Html.esc(REGISTRY_DOWN) + "</p>" + form));
            return;
        }
        a.html(200, Html.page("Connection check", 0, head + form + ConnectionView.report(report)));
    }

    /** GET /status/resend?id=: asks for the reason. POST (id, reason, csrf): re-sends, audited with the token name. */
    public void resend(Exchange exchange) {
        OpsAnswer a = new OpsAnswer(exchange);
        Optional<StatusSessions.Session> found = mayResend(a, "Re-send a message");
        if (found.isEmpty()) {
            return;
        }
        StatusSessions.Session session = found.get();
        boolean post = "POST".equals(a.method);
        Map<String, String> fields = post ? a.form : a.query;
        try {
            Optional<Long> pk = pk(fields.get("id"));
            Optional<DeadLetter.Entry> entry = pk.isEmpty() ? Optional.empty() : queries.deadLetterEntry(pk.get());
            if (entry.isEmpty() || !entry.get().resendable()) {
                a.html(404, FormsView.message("Re-send a message", NOT_IN_DEAD_LETTER));
                return;
            }
            if (!post) {
                a.html(200, FormsView.resend(session, entry.get(), "", null));
                return;
            }
            String reason = ResendReason.check(fields.get("reason"));
            if (reason == null) {
                a.html(400, FormsView.resend(session, entry.get(), fields.get("reason"), ResendReason.RULE));
                return;
            }
            if (!jobs.resend(entry.get().messagePk(), session.principal().name(), reason, clock.instant())) {
                a.html(409, FormsView.message("Re-send a message", NOT_RESENT));
                return;
            }
            a.seeOther("/status?notice=resent");
        } catch (SQLException e) {
            LOG.warn("status page: re-send failed: {}", e.toString());
            a.html(503, FormsView.message("Re-send a message", STORE_DOWN));
        }
    }

    /**
     * GET /status/resend-endpoint?endpoint=: asks for the reason of re-sending one receiver endpoint's whole dead
     * letter. POST (endpoint, reason, csrf): re-sends it, oldest first, each message audited with the token name.
     */
    public void resendEndpoint(Exchange exchange) {
        OpsAnswer a = new OpsAnswer(exchange);
        String title = "Re-send a receiver's dead letter";
        Optional<StatusSessions.Session> found = mayResend(a, title);
        if (found.isEmpty()) {
            return;
        }
        StatusSessions.Session session = found.get();
        boolean post = "POST".equals(a.method);
        Map<String, String> fields = post ? a.form : a.query;
        String endpoint = fields.get("endpoint");
        try {
            DeadLetterQuery.Filter filter = DeadLetterQuery.Filter.endpoint(endpoint);
            int waiting = endpoint == null || endpoint.isBlank() ? 0 : deadLetter.count(filter);
            if (waiting == 0) {
                a.html(404, FormsView.message(title, NOTHING_TO_RESEND));
                return;
            }
            if (!post) {
                a.html(200, FormsView.resendEndpoint(session, endpoint, waiting, "", null));
                return;
            }
            String reason = ResendReason.check(fields.get("reason"));
            if (reason == null) {
                a.html(400, FormsView.resendEndpoint(session, endpoint, waiting, fields.get("reason"), ResendReason.RULE));
                return;
            }
            int resent = deadLetter.resendOldest(jobs, filter, MAX_BULK, session.principal().name(), reason,
                    clock.instant()).size();
            LOG.info("status page: {} re-sent {} dead letter(s) of endpoint {}", session.principal().name(), resent,
                    endpoint);
            a.seeOther("/status?notice=resent-endpoint");
        } catch (SQLException e) {
            LOG.warn("status page: re-send of an endpoint's dead letter failed: {}", e.toString());
            a.html(503, FormsView.message(title, STORE_DOWN));
        }
    }

    /** GET /status/status.css. */
    public void stylesheet(Exchange exchange) {
        new OpsAnswer(exchange).css(css);
    }

    /**
     * The session of a re-send request: live, its CSRF token on a POST, the deliveries role; otherwise the answer
     * (login, 403) is written and the result is empty.
     */
    private Optional<StatusSessions.Session> mayResend(OpsAnswer a, String title) {
        Optional<StatusSessions.Session> found = sessionOrLogin(a);
        if (found.isEmpty()) {
            return found;
        }
        if ("POST".equals(a.method) && !found.get().csrfMatches(a.form.get(StatusSessions.CSRF_FIELD))) {
            a.html(403, FormsView.message(title, BAD_CSRF));
            return Optional.empty();
        }
        if (!found.get().principal().may(AdminTokens.Role.DELIVERIES)) {
            a.html(403, FormsView.message(title, NEEDS_DELIVERIES));
            return Optional.empty();
        }
        return found;
    }

    /** The request's live session; without one the answer is a 303 to the login form. */
    private Optional<StatusSessions.Session> sessionOrLogin(OpsAnswer a) {
        Optional<StatusSessions.Session> session = sessions.find(a.sessionCookie);
        if (session.isEmpty()) {
            a.seeOther("/status/login");
        }
        return session;
    }

    private static Optional<Long> pk(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }

    private static String stylesheet() {
        try (InputStream in = StatusPageHandler.class.getResourceAsStream("/status/status.css")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
