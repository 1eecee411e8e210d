package org.osogateway.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osogateway.admin.AdminTokens;

/**
 * The status page's server-side sessions, in memory: a random 256-bit id (the cookie's value) maps to the token
 * holder who logged in and the session's CSRF token. A session ends at logout, after {@code idleTimeout} without a
 * request, or {@code maxAge} after the login, whichever comes first.
 */
public final class StatusSessions {
    /** The session cookie's name. */
    public static final String COOKIE = "oso_status_session";
    /** The form field that carries the CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One logged-in operator. */
    public record Session(String id, AdminTokens.Principal principal, String csrfToken, Instant started,
                          Instant lastSeen) {
        /** True when {@code presented} is this session's CSRF token (compared in constant time). */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final int maxSessions;

    public StatusSessions(Clock clock, Duration idleTimeout, Duration maxAge, int maxSessions) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        this.maxSessions = maxSessions;
    }

    /** How long the cookie may live in the browser: the session's maximum age. */
    public Duration maxAge() {
        return maxAge;
    }

    /** A new session for a verified token holder; empty when {@code maxSessions} live sessions exist already. */
    public Optional<Session> start(AdminTokens.Principal principal) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        if (sessions.size() >= maxSessions) {
            return Optional.empty();
        }
        Session s = new Session(randomId(), principal, randomId(), now, now);
        sessions.put(s.id(), s);
        return Optional.of(s);
    }

    /** The live session of a cookie value, its idle time restarted; empty for an unknown or expired one. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.principal(), s.csrfToken(), s.started(), now);
        sessions.replace(id, s, touched);
        return Optional.of(touched);
    }

    /** Ends a session (logout). */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(idleTimeout)) || !now.isBefore(s.started().plus(maxAge));
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
