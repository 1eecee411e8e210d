package org.osogateway.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * R4 in one place: an endpoint counts only while its supplier holds a valid mandate for the same school and
 * service version. Used by the validator (over the endpoint's period), by routing (on the day) and when a
 * mandate is ended (on the day after).
 */
public final class MandateCoverage {
    /** Orders end dates with null (open-ended) as the latest. */
    private static final Comparator<Mandate> BY_END =
            Comparator.comparing(Mandate::validTo, Comparator.nullsLast(Comparator.naturalOrder()));

    private MandateCoverage() {
    }

    /** Whether the mandate is one the endpoint is registered under: same school, supplier and service version. */
    public static boolean isUnder(Endpoint endpoint, Mandate mandate) {
        return mandate.covers(endpoint.brin(), endpoint.supplierOin(), endpoint.serviceVersion());
    }

    /** Whether one of {@code mandates} the endpoint is under holds on the day. */
    public static boolean coversOn(Endpoint endpoint, Collection<Mandate> mandates, LocalDate day) {
        return longestOn(endpoint, mandates, day).isPresent();
    }

    /**
     * The first day of the endpoint's period on which no mandate covers it, or empty when it is covered
     * throughout. Consecutive mandates (a renewal) may together cover one endpoint.
     */
    public static Optional<LocalDate> firstUncoveredDay(Endpoint endpoint, Collection<Mandate> mandates) {
        LocalDate day = endpoint.validFrom();
        while (true) {
            Optional<Mandate> longest = longestOn(endpoint, mandates, day);
            if (longest.isEmpty()) {
                return Optional.of(day);
            }
            LocalDate mandateEnd = longest.get().validTo();
            if (mandateEnd == null || (endpoint.validTo() != null && !mandateEnd.isBefore(endpoint.validTo()))) {
                return Optional.empty();
            }
            day = mandateEnd.plusDays(1);
        }
    }

    /** Of the mandates the endpoint is under and that hold on the day, the one that runs longest. */
    private static Optional<Mandate> longestOn(Endpoint endpoint, Collection<Mandate> mandates, LocalDate day) {
        return mandates.stream().filter(m -> isUnder(endpoint, m) && m.isValidOn(day)).max(BY_END);
    }
}
