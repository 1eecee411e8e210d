package org.osogateway.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What {@link RoutingRules} asks of a registry: schools, boards and their agreements, mandates, endpoints and
 * suppliers. A source answers with the entries it has; the rules decide validity on the date (R6) and
 * everything else. What a source cannot know is a property of the source ({@link #listsSchools()},
 * {@link #knowsAgreements()}, {@link #knowsSuppliers()}), not a rule of its own.
 */
public interface RegistrySource {

    /** How messages name this source, e.g. "the OSR". */
    String name();

    /**
     * Whether the source lists schools with their branches and boards. One that does not (the OSR) knows a
     * school only by its mandates and endpoints, and every branch code of a known school counts.
     */
    boolean listsSchools();

    /** The school with this 4-character BRIN; asked only when {@link #listsSchools()}. */
    Optional<School> school(String brin);

    /** The board with this id, when the source knows it. */
    Optional<Board> board(String id);

    /** Whether the source keeps the boards' agreements; when not, the agreement is assumed (R2). */
    boolean knowsAgreements();

    /** The board's agreements, over all dates; asked only when {@link #knowsAgreements()}. */
    List<Agreement> agreements(String boardId);

    /** The school's mandates (all suppliers, all versions) as the source has them for the date. */
    List<Mandate> mandates(String brin, LocalDate date);

    /** The school's endpoints for one service version as the source has them for the date. */
    List<Endpoint> endpoints(String brin, String serviceVersion, LocalDate date);

    /** The endpoint with this routeringskenmerk, if the source can tell; only used for a hint in a message. */
    Optional<Endpoint> endpoint(String routeringskenmerk, String serviceVersion, LocalDate date);

    /** Whether the source keeps a list of suppliers; when not, a supplier is registered by its mandates. */
    boolean knowsSuppliers();

    /** The supplier with this OIN, when the source knows it. */
    Optional<Supplier> supplier(String oin);
}
