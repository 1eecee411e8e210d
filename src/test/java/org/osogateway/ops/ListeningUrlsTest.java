package org.osogateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ListeningUrlsTest {
    private static final String SOAP = "http://127.0.0.1:8080/ws/oso/v1";

    @Test
    void portZeroIsLoggedAsTheBoundPort() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ListeningUrls.class);
        logger.addAppender(log);
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost("127.0.0.1");
        configuration.setBindPort(0);
        try (CamelContext context = new DefaultCamelContext()) {
            VertxPlatformHttpServer server = new VertxPlatformHttpServer(configuration);
            context.addService(server);
            context.addStartupListener(new ListeningUrls(SOAP, new ListeningUrls.OpsServer(true, "127.0.0.1", 0),
                    new ListeningUrls.OpsServer(false, "127.0.0.1", 9876)));
            context.start();
            int bound = server.getPort();
            assertNotEquals(0, bound);
            assertEquals(List.of("listening: SOAP " + SOAP, "listening: admin API http://127.0.0.1:" + bound
                    + "/admin, health http://127.0.0.1:" + bound + "/health, status http://127.0.0.1:" + bound + "/status"),
                    log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void configuredPortsKeepTheirServerAndPortZeroTakesTheOtherBoundPort() {
        ListeningUrls urls = new ListeningUrls(SOAP, new ListeningUrls.OpsServer(true, "127.0.0.1", 0),
                new ListeningUrls.OpsServer(true, "0.0.0.0", 9876));
        // the metrics server may be listed first: its configured port is still its own
        assertEquals(List.of("listening: SOAP " + SOAP,
                "listening: admin API http://127.0.0.1:40123/admin, health http://127.0.0.1:40123/health,"
                        + " status http://127.0.0.1:40123/status",
                "listening: metrics http://0.0.0.0:9876/observe/metrics"), urls.lines(List.of(9876, 40123)));
    }
}
