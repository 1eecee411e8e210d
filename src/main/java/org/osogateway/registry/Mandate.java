package org.osogateway.registry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A school's mandate for one LAS supplier and one service version (dossier namespace), given on the
 * 4-character BRIN so all branches on that LAS share it (R3).
 */
public record Mandate(String brin, String supplierOin, String serviceVersion, LocalDate validFrom, LocalDate validTo)
        implements ValidityPeriod {
    public Mandate {
        Objects.requireNonNull(brin, "brin");
        Objects.requireNonNull(supplierOin, "supplierOin");
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    /** True when this mandate is for the given school, supplier and service version. */
    public boolean covers(String brin, String supplierOin, String serviceVersion) {
        return this.brin.equals(brin) && this.supplierOin.equals(supplierOin) && this.serviceVersion.equals(serviceVersion);
    }
}
