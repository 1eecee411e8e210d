package org.osogateway.registry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A delivery address of one school (R5) for one service version, registered under a mandate of its
 * supplier (R4); {@code vestiging} is null for a school-wide endpoint.
 */
public record Endpoint(String routeringskenmerk, String brin, String vestiging, String supplierOin,
                       String serviceVersion, String url, LocalDate validFrom, LocalDate validTo)
        implements ValidityPeriod {
    public Endpoint {
        Objects.requireNonNull(routeringskenmerk, "routeringskenmerk");
        Objects.requireNonNull(brin, "brin");
        Objects.requireNonNull(supplierOin, "supplierOin");
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(validFrom, "validFrom");
    }
}
