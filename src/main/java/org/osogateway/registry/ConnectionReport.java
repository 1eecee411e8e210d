package org.osogateway.registry;

import org.osogateway.fault.GatewayErrorCode;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to "is my school connected to OSO?" (R1) on a reference date: the agreement, the mandates
 * and endpoints in force, and why not when not. Endpoint URLs are deliberately left out.
 */
public record ConnectionReport(String brin, String vestiging, LocalDate referenceDate, boolean connected,
                               AgreementStatus agreement, List<MandateInfo> mandates, List<EndpointInfo> endpoints,
                               List<GatewayErrorCode> reasons) {
    public ConnectionReport {
        mandates = List.copyOf(mandates);
        endpoints = List.copyOf(endpoints);
        reasons = List.copyOf(reasons);
    }

    /** The board's agreement on the reference date; board fields are null for an unknown school. */
    public record AgreementStatus(boolean present, String boardId, String board, LocalDate validFrom, LocalDate validTo) {
    }

    /** A mandate in force on the reference date. */
    public record MandateInfo(String supplierOin, String supplierName, String serviceVersion, LocalDate validFrom,
                              LocalDate validTo) {
    }

    /** An endpoint usable on the reference date (valid itself and under a valid mandate). */
    public record EndpointInfo(String routeringskenmerk, String supplierOin, String vestiging, String serviceVersion,
                               LocalDate validFrom, LocalDate validTo) {
    }
}
