package org.osogateway.ops;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/** The health routes of the ops port: {@code /health}, {@code /health/live} and {@code /health/ready}. */
public final class OpsRoutes extends RouteBuilder {
    /** The only headers an answer keeps: platform-http would otherwise send the request's back. */
    private static final String[] ANSWER_HEADERS = {Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE};

    private final Processor health;
    private final HealthProbes probes;

    public OpsRoutes(Processor health, HealthProbes probes) {
        this.health = health;
        this.probes = probes;
    }

    @Override
    public void configure() {
        from("platform-http:/health?httpMethodRestrict=GET").routeId("health")
                .process(health).removeHeaders("*", ANSWER_HEADERS);
        from("platform-http:/health/live?httpMethodRestrict=GET").routeId("health-live")
                .process(probes::live).removeHeaders("*", ANSWER_HEADERS);
        from("platform-http:/health/ready?httpMethodRestrict=GET").routeId("health-ready")
                .process(probes::ready).removeHeaders("*", ANSWER_HEADERS);
    }
}
