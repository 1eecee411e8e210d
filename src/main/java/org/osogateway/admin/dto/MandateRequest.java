package org.osogateway.admin.dto;

import java.time.LocalDate;

/**
 * A school's mandate for a supplier and service version from {@code validFrom}; the first four fields are its key,
 * only {@code validTo} can change.
 */
public record MandateRequest(String brin, String supplier, String serviceVersion, LocalDate validFrom, LocalDate validTo) {
    public MandateRequest {
        Required.text(brin, "brin");
        Required.text(supplier, "supplier");
        Required.text(serviceVersion, "serviceVersion");
        Required.present(validFrom, "validFrom");
    }
}
