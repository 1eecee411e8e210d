package org.osogateway.status;

import org.apache.camel.builder.RouteBuilder;

/** The status page's paths on the ops port (platform-http), each to one method of {@link StatusPageHandler}. */
final class StatusPageRoutes extends RouteBuilder {
    private final StatusPageHandler handler;

    StatusPageRoutes(StatusPageHandler handler) {
        this.handler = handler;
    }

    @Override
    public void configure() {
        route("/status", "GET", "status-page").process(handler::show).removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
        route("/status/login", "GET,POST", "status-login").process(handler::login)
                .removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
        route("/status/logout", "POST", "status-logout").process(handler::logout)
                .removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
        route("/status/connection", "GET", "status-connection").process(handler::connection)
                .removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
        route("/status/resend", "GET,POST", "status-resend").process(handler::resend)
                .removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
        route("/status/resend-endpoint", "GET,POST", "status-resend-endpoint").process(handler::resendEndpoint)
                .removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
        route("/status/status.css", "GET", "status-stylesheet").process(handler::stylesheet)
                .removeHeaders("*", OpsAnswer.ANSWER_HEADERS);
    }

    private org.apache.camel.model.RouteDefinition route(String path, String methods, String id) {
        return from("platform-http:" + path + "?httpMethodRestrict=" + methods).routeId(id);
    }
}
