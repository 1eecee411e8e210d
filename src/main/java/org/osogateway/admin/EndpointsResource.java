package org.osogateway.admin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.ChangeAnswer;
import org.osogateway.admin.dto.EndDate;
import org.osogateway.admin.dto.EndpointRequest;
import org.osogateway.admin.dto.Required;
import org.osogateway.admin.dto.Views;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.RegistryService;

/** {@code /admin/endpoints}: receiving LAS endpoints by routeringskenmerk, each only under a mandate (R4). */
public final class EndpointsResource {
    private final RegistryService service;

    public EndpointsResource(RegistryService service) {
        this.service = service;
    }

    /** The endpoints, of one school when given. */
    public List<Views.EndpointView> list(@Header("brin") String brin) {
        return service.current().endpoints().stream().filter(e -> brin == null || e.brin().equals(brin))
                .map(RegistryViews::endpoint).toList();
    }

    public Views.EndpointView get(@Header("routeringskenmerk") String routeringskenmerk) {
        return RegistryViews.endpoint(RegistryViews.findEndpoint(service.current(), routeringskenmerk));
    }

    public ChangeAnswer create(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body EndpointRequest request) {
        Endpoint e = endpoint(Required.text(request.routeringskenmerk(), "routeringskenmerk"), request);
        return RegistryViews.changed(service.createEndpoint(actor, e), "endpoint", e.routeringskenmerk());
    }

    /** Replaces the endpoint the path names; a routeringskenmerk in the body must be the same. */
    public ChangeAnswer change(@ExchangeProperty(AdminGuard.ACTOR) String actor,
                               @Header("routeringskenmerk") String routeringskenmerk, @Body EndpointRequest request) {
        if (request.routeringskenmerk() != null && !request.routeringskenmerk().equals(routeringskenmerk)) {
            throw AdminProblem.badField("routeringskenmerk", "routeringskenmerk in the body differs from the one in the path");
        }
        return RegistryViews.changed(service.updateEndpoint(actor, endpoint(routeringskenmerk, request)), "endpoint",
                routeringskenmerk);
    }

    /** Ends the endpoint on the given day, today without one. */
    public ChangeAnswer end(@ExchangeProperty(AdminGuard.ACTOR) String actor,
                            @Header("routeringskenmerk") String routeringskenmerk, @Body EndDate end) {
        return RegistryViews.changed(service.setEndpointEnd(actor, routeringskenmerk, EndDate.orToday(end, service.today())),
                "endpoint", routeringskenmerk);
    }

    private static Endpoint endpoint(String routeringskenmerk, EndpointRequest r) {
        Set<String> services = r.services() == null ? Set.of() : new LinkedHashSet<>(r.services());
        for (String s : services) {
            if (!Endpoint.ALL_SERVICES.contains(s)) {
                throw AdminProblem.badField("services", "'services' may hold " + new TreeSet<>(Endpoint.ALL_SERVICES)
                        + ", not '" + s + "'");
            }
        }
        return new Endpoint(routeringskenmerk, r.brin(), r.vestiging(), r.supplier(), r.serviceVersion(), r.url(),
                r.validFrom(), r.validTo(), services);
    }
}
