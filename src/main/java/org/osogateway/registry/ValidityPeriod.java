package org.osogateway.registry;

import java.time.LocalDate;

/**
 * A registry entry that holds from a start date up to an optional end date (R6); both ends are inclusive.
 *
 * <p>An entry is valid on date {@code d} iff {@code validFrom <= d} and ({@code validTo == null} or
 * {@code d <= validTo}): an agreement that "ends 2023-12-31" still holds on 2023-12-31, the way the
 * OSR shows end dates to people.
 */
public interface ValidityPeriod {

    /** First day on which the entry holds. */
    LocalDate validFrom();

    /** Last day on which the entry holds, or null when open-ended. */
    LocalDate validTo();

    /** True when the entry holds on the given day. */
    default boolean isValidOn(LocalDate date) {
        return !date.isBefore(validFrom()) && (validTo() == null || !date.isAfter(validTo()));
    }
}
