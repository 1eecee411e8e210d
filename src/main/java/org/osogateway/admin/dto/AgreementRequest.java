package org.osogateway.admin.dto;

import java.time.LocalDate;

/** A board's OSO agreement from {@code validFrom}, open-ended when {@code validTo} is null. */
public record AgreementRequest(LocalDate validFrom, LocalDate validTo) {
    public AgreementRequest {
        Required.present(validFrom, "validFrom");
    }
}
