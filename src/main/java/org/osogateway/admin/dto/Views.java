package org.osogateway.admin.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import org.osogateway.registry.ConnectionReport;

/** The admin API's JSON views of registry entries, in the registry file's field names. */
public final class Views {
    private Views() {
    }

    /** The resources under /admin. */
    public record Index(List<String> resources) {
    }

    /** A board with its agreements and the BRINs of its schools. */
    public record BoardView(String id, String name, List<AgreementView> agreements, List<String> schools) {
    }

    /** A board's agreement. */
    public record AgreementView(String board, LocalDate validFrom, LocalDate validTo) {
    }

    /** A school. */
    public record SchoolView(String brin, String name, String board, SortedSet<String> vestigingen) {
    }

    /** A mandate. */
    public record MandateView(String brin, String supplier, String serviceVersion, LocalDate validFrom, LocalDate validTo) {
    }

    /** An endpoint. */
    public record EndpointView(String routeringskenmerk, String brin, String vestiging, String supplier,
                               String serviceVersion, String url, LocalDate validFrom, LocalDate validTo,
                               SortedSet<String> services) {
    }

    /** The connection reports of a board's schools on one day. */
    public record BoardConnection(String board, String name, LocalDate referenceDate, List<ConnectionReport> schools) {
    }

    /** The answer to a re-send of one message. */
    public record Resent(long id, boolean resent) {
    }

    /** The answer to a purge of one message. */
    public record Purged(long id, boolean purged) {
    }

    /** The answer to a bulk re-send: how many matched before this call, and which were re-sent by it. */
    public record BulkResent(boolean dryRun, int matching, int resent, List<Long> ids) {
    }
}
