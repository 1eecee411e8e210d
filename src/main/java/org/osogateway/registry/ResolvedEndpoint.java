package org.osogateway.registry;

/** The one endpoint a dossier for a receiver goes to; {@code vestiging} is null for a school-wide endpoint. */
public record ResolvedEndpoint(String routeringskenmerk, String brin, String vestiging, String supplierOin,
                               String serviceVersion, String url) {

    static ResolvedEndpoint of(Endpoint endpoint) {
        return new ResolvedEndpoint(endpoint.routeringskenmerk(), endpoint.brin(), endpoint.vestiging(),
                endpoint.supplierOin(), endpoint.serviceVersion(), endpoint.url());
    }
}
