package org.osogateway.status;

import java.time.Clock;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.osogateway.admin.AdminTokens;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.store.DeadLetterQuery;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the operators' status page on the ops port at /status (README "Status page"), unless it is switched off. */
public final class StatusPage {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

    private StatusPage() {
    }

    /**
     * Adds the page's routes when the ops port runs (gateway.admin.enabled) and gateway.status.enabled is true.
     * {@code routing} is the registry that routes (local or the OSR), as for the admin API's connection report.
     */
    public static void install(CamelContext context, Function<String, String> props, AdminTokens tokens, Store store,
                               RoutingRegistry routing, DeliveryJobs jobs) throws Exception {
        StatusSettings settings = StatusSettings.from(props);
        if (!settings.enabled() || !Boolean.parseBoolean(orDefault(props.apply("gateway.admin.enabled"), "true"))) {
            return;
        }
        Clock clock = Clock.systemUTC();
        StatusSessions sessions = new StatusSessions(clock, settings.sessionIdleTimeout(), settings.sessionMaxAge(),
                settings.maxSessions());
        context.addRoutes(new StatusPageRoutes(new StatusPageHandler(new FlowQueries(store), jobs,
                new DeadLetterQuery(store), routing, tokens, sessions, settings, clock)));
        String url = "http://" + orDefault(props.apply("gateway.admin.host"), "127.0.0.1") + ":"
                + orDefault(props.apply("gateway.admin.port"), "8081") + "/status";
        if (tokens.isEmpty()) {
            LOG.warn("status page on {}: no {} configured, so nobody can log in", url, AdminTokens.SETTING);
        } else {
            LOG.info("status page on {} (log in with a token of {})", url, AdminTokens.SETTING);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
