package org.osogateway.admin;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every admin route: the bearer token must be a configured one with the role the route names.
 * The token's name becomes the exchange's actor, which every change is audited with.
 */
public final class AdminGuard {
    /** The exchange property that holds the verified token's name. */
    public static final String ACTOR = "osoAdminActor";
    private static final Logger LOG = LoggerFactory.getLogger(AdminGuard.class);

    private final AdminTokens tokens;

    public AdminGuard(AdminTokens tokens) {
        this.tokens = tokens;
        if (tokens.isEmpty()) {
            LOG.warn("{} is not set: the admin API refuses every call with 401", AdminTokens.SETTING);
        } else {
            LOG.info("admin tokens: {}", tokens.names());
        }
    }

    /** Any configured token. */
    public void read(Exchange exchange) {
        require(exchange, AdminTokens.Role.READ);
    }

    /** A token with the role {@code registry}. */
    public void registry(Exchange exchange) {
        require(exchange, AdminTokens.Role.REGISTRY);
    }

    /** A token with the role {@code deliveries}. */
    public void deliveries(Exchange exchange) {
        require(exchange, AdminTokens.Role.DELIVERIES);
    }

    private void require(Exchange exchange, AdminTokens.Role role) {
        Optional<AdminTokens.Principal> principal = tokens.fromBearer(exchange.getMessage().getHeader("Authorization",
                String.class));
        if (principal.isEmpty()) {
            throw new AdminProblem(401, null, tokens.isEmpty()
                    ? "the admin API is disabled until " + AdminTokens.SETTING + " is set"
                    : "missing or wrong bearer token");
        }
        if (!principal.get().may(role)) {
            throw new AdminProblem(403, null, "token '" + principal.get().name() + "' lacks the role '"
                    + role.configName() + "' this call needs");
        }
        exchange.setProperty(ACTOR, principal.get().name());
    }
}
