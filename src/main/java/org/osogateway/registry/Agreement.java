package org.osogateway.registry;

import java.time.LocalDate;
import java.util.Objects;

/** A board's OSO agreement for one period; a board may have several over time (R2, R6). */
public record Agreement(String boardId, LocalDate validFrom, LocalDate validTo) implements ValidityPeriod {
    public Agreement {
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(validFrom, "validFrom");
    }
}
