package org.osogateway.registry;

import java.time.LocalDate;
import java.util.Set;

/**
 * Answers the routing questions of R1-R7 for a reference date: where a dossier for a receiver goes, whether
 * a sender may send, and whether a school is connected. Failures are {@link org.osogateway.fault.GatewayException}s
 * with the contract's fault codes; messages say "sender" or "receiver". Implemented once, by {@link RoutingRules},
 * over the local registry or the OSR.
 */
public interface RoutingRegistry {

    /**
     * The one endpoint for a dossier of {@code serviceVersion} to the receiving school. Fails, in this order,
     * with UNKNOWN_SCHOOL, NO_AGREEMENT, NO_MANDATE, NO_ENDPOINT or AMBIGUOUS_ROUTE.
     *
     * @param vestiging         receiving branch, or null for the school as a whole
     * @param routeringskenmerk picks one endpoint where several fit, or null
     */
    ResolvedEndpoint resolveReceiver(String brin, String vestiging, String routeringskenmerk, String serviceVersion,
                                     LocalDate date);

    /**
     * Checks that the sending school may send dossiers of {@code serviceVersion}: fails with UNKNOWN_SCHOOL,
     * NO_AGREEMENT or NO_MANDATE.
     *
     * @param vestiging   sending branch, or null
     * @param supplierOin the sending LAS supplier, or null when not known (then any mandate for the version will do)
     */
    void checkSender(String brin, String vestiging, String supplierOin, String serviceVersion, LocalDate date);

    /**
     * Checks that the authenticated supplier may send dossiers of {@code serviceVersion} for the sending school:
     * it is registered and holds a mandate valid on the date for the school's 4-character BRIN (R3; branches
     * share it) and that version. Fails with SENDER_NOT_AUTHORIZED, whose message names only the supplier OIN,
     * the school, the version and the date; an unknown school fails the same way, so a supplier without a
     * mandate cannot learn which schools exist.
     */
    void authorizeSender(String supplierOin, String brin, String serviceVersion, LocalDate date);

    /** Whether the school (or branch) is connected on the date (R1), with the details and reasons; never throws for unknown schools. */
    ConnectionReport checkConnection(String brin, String vestiging, LocalDate date);

    /** The service versions the school can receive on the date; empty for an unknown or unconnected school. */
    Set<String> acceptedServiceVersions(String brin, LocalDate date);
}
