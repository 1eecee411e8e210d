package org.osogateway.registry;

import java.util.Set;

/** The one endpoint a dossier for a receiver goes to; {@code vestiging} is null for a school-wide endpoint. */
public record ResolvedEndpoint(String routeringskenmerk, String brin, String vestiging, String supplierOin,
                               String serviceVersion, String url, Set<String> services) {

    /** An endpoint for the default services (transfers between schools). */
    public ResolvedEndpoint(String routeringskenmerk, String brin, String vestiging, String supplierOin,
                            String serviceVersion, String url) {
        this(routeringskenmerk, brin, vestiging, supplierOin, serviceVersion, url, Endpoint.DEFAULT_SERVICES);
    }

    static ResolvedEndpoint of(Endpoint endpoint) {
        return new ResolvedEndpoint(endpoint.routeringskenmerk(), endpoint.brin(), endpoint.vestiging(),
                endpoint.supplierOin(), endpoint.serviceVersion(), endpoint.url(), endpoint.services());
    }

    /** Whether this endpoint takes dossiers of this overdrachtsoort. */
    public boolean serves(String overdrachtsoort) {
        return services.contains(overdrachtsoort);
    }
}
