package org.osogateway.registry;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * A delivery address of one school (R5) for one service version, registered under a mandate of its
 * supplier (R4); {@code vestiging} is null for a school-wide endpoint. {@code services} are the
 * overdrachtsoorten it takes: a school LAS takes transfers, a samenwerkingsverband swv-dossiers.
 */
public record Endpoint(String routeringskenmerk, String brin, String vestiging, String supplierOin,
                       String serviceVersion, String url, LocalDate validFrom, LocalDate validTo,
                       Set<String> services)
        implements ValidityPeriod {
    /** What an endpoint takes when the registry does not say: the transfers between schools. */
    public static final Set<String> DEFAULT_SERVICES = Set.of("overstapdossier", "overdrachtbinnenbrin");
    /** Every overdrachtsoort of the contract. */
    public static final Set<String> ALL_SERVICES = Set.of("overstapdossier", "overdrachtbinnenbrin", "swv-dossier");

    /** An endpoint for the default services. */
    public Endpoint(String routeringskenmerk, String brin, String vestiging, String supplierOin, String serviceVersion,
                    String url, LocalDate validFrom, LocalDate validTo) {
        this(routeringskenmerk, brin, vestiging, supplierOin, serviceVersion, url, validFrom, validTo, DEFAULT_SERVICES);
    }

    public Endpoint {
        services = Set.copyOf(services.isEmpty() ? DEFAULT_SERVICES : services);
        Objects.requireNonNull(routeringskenmerk, "routeringskenmerk");
        Objects.requireNonNull(brin, "brin");
        Objects.requireNonNull(supplierOin, "supplierOin");
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(validFrom, "validFrom");
    }
}
