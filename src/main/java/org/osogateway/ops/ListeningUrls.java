package org.osogateway.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the URLs the gateway answers on once its ports are open, with the bound port (so port 0 shows the port the
 * system chose): the SOAP address, the admin API, health and status on the ops port, and the metrics.
 */
public final class ListeningUrls implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListeningUrls.class);

    /** One ops HTTP server as configured: the host and port of its settings, and whether it is enabled. */
    public record OpsServer(boolean enabled, String host, int configuredPort) {
    }

    private final String soapAddress;
    private final OpsServer admin;
    private final OpsServer metrics;

    public ListeningUrls(String soapAddress, OpsServer admin, OpsServer metrics) {
        this.soapAddress = soapAddress;
        this.admin = admin;
        this.metrics = metrics;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        lines(boundPorts(context)).forEach(LOG::info);
    }

    /** The log lines, given the ports the ops servers are bound to (in the order they started: admin, metrics). */
    List<String> lines(List<Integer> boundPorts) {
        List<Integer> unclaimed = new ArrayList<>(boundPorts);
        // a configured port is where its server is bound; the ports the system chose (port 0) go in start order
        unclaimed.remove(Integer.valueOf(admin.configuredPort()));
        unclaimed.remove(Integer.valueOf(metrics.configuredPort()));
        List<String> lines = new ArrayList<>();
        lines.add("listening: SOAP " + soapAddress);
        if (admin.enabled()) {
            String base = "http://" + admin.host() + ":" + bound(admin, unclaimed);
            lines.add("listening: admin API " + base + "/admin, health " + base + "/health, status " + base + "/status");
        }
        if (metrics.enabled()) {
            lines.add("listening: metrics http://" + metrics.host() + ":" + bound(metrics, unclaimed) + "/observe/metrics");
        }
        return lines;
    }

    private static int bound(OpsServer server, List<Integer> unclaimed) {
        return server.configuredPort() != 0 || unclaimed.isEmpty() ? server.configuredPort() : unclaimed.remove(0);
    }

    private static List<Integer> boundPorts(CamelContext context) {
        List<Integer> ports = new ArrayList<>();
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            ports.add(server.getPort());
        }
        return ports;
    }
}
