package org.osogateway.registry;

import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link RoutingRegistry} over an in-memory snapshot of the local registry. {@link #refresh} swaps the whole
 * snapshot at once; readers take the snapshot they started with, so they never see half an update.
 */
public final class LocalRoutingRegistry implements RoutingRegistry {
    private static final String SENDER = "sender";
    private static final String RECEIVER = "receiver";

    private final RegistryValidator validator = new RegistryValidator();
    private volatile RegistrySnapshot snapshot;

    public LocalRoutingRegistry(RegistryData data) {
        this.snapshot = build(data);
    }

    /** Replaces the registry content; invalid data is refused and the current content stays in use. */
    public void refresh(RegistryData data) {
        this.snapshot = build(data);
    }

    private RegistrySnapshot build(RegistryData data) {
        // data from the file is checked already; data from elsewhere (the database) must meet the same rules
        validator.requireValid(data, "registry");
        return new RegistrySnapshot(data);
    }

    @Override
    public ResolvedEndpoint resolveReceiver(String brin, String vestiging, String routeringskenmerk,
                                            String serviceVersion, LocalDate date) {
        RegistrySnapshot s = snapshot;
        School school = requireSchool(s, RECEIVER, brin, vestiging);
        requireAgreement(s, RECEIVER, school, date);
        List<Mandate> mandates = mandatesOn(s, brin, date);
        // contract.md: NO_MANDATE when no LAS holds a mandate at all; a mandate for other versions only
        // means there is no endpoint for this one (NO_ENDPOINT, naming the versions it does accept).
        if (mandates.isEmpty()) {
            throw new GatewayException(GatewayErrorCode.NO_MANDATE, "receiver school " + brin
                    + " has no mandate of any LAS valid on " + date);
        }
        List<Endpoint> candidates = candidates(usableEndpoints(s, brin, mandates, date), vestiging).getOrDefault(
                serviceVersion, List.of());
        if (candidates.isEmpty()) {
            throw new GatewayException(GatewayErrorCode.NO_ENDPOINT, "receiver school " + brin + where(vestiging)
                    + " has no endpoint for service version " + serviceVersion + " on " + date
                    + accepts(s, school, vestiging, date));
        }
        if (routeringskenmerk != null) {
            candidates = candidates.stream().filter(e -> e.routeringskenmerk().equals(routeringskenmerk)).toList();
            if (candidates.isEmpty()) {
                throw new GatewayException(GatewayErrorCode.NO_ENDPOINT, "receiver school " + brin + where(vestiging)
                        + " has no endpoint with routeringskenmerk " + routeringskenmerk + " for service version "
                        + serviceVersion + " on " + date + owner(s, routeringskenmerk, brin));
            }
        }
        if (candidates.size() > 1) {
            throw new GatewayException(GatewayErrorCode.AMBIGUOUS_ROUTE, "receiver school " + brin + where(vestiging)
                    + " has " + candidates.size() + " endpoints for service version " + serviceVersion
                    + "; pick one with a routeringskenmerk: "
                    + candidates.stream().map(Endpoint::routeringskenmerk).collect(Collectors.joining(", ")));
        }
        return ResolvedEndpoint.of(candidates.get(0));
    }

    @Override
    public void checkSender(String brin, String vestiging, String supplierOin, String serviceVersion, LocalDate date) {
        RegistrySnapshot s = snapshot;
        School school = requireSchool(s, SENDER, brin, vestiging);
        requireAgreement(s, SENDER, school, date);
        boolean mandated = mandatesOn(s, brin, date).stream()
                .anyMatch(m -> m.serviceVersion().equals(serviceVersion)
                        && (supplierOin == null || m.supplierOin().equals(supplierOin)));
        if (!mandated) {
            String who = supplierOin == null ? "any LAS" : "supplier " + supplierOin;
            throw new GatewayException(GatewayErrorCode.NO_MANDATE, "sender school " + brin + " has no mandate of "
                    + who + " for service version " + serviceVersion + " valid on " + date);
        }
    }

    @Override
    public ConnectionReport checkConnection(String brin, String vestiging, LocalDate date) {
        RegistrySnapshot s = snapshot;
        Optional<School> found = school(s, brin, vestiging);
        if (found.isEmpty()) {
            return new ConnectionReport(brin, vestiging, date, false,
                    new ConnectionReport.AgreementStatus(false, null, null, null, null),
                    List.of(), List.of(), List.of(GatewayErrorCode.UNKNOWN_SCHOOL));
        }
        School school = found.get();
        Board board = s.board(school.boardId()).orElseThrow();
        Optional<Agreement> agreement = agreementOn(s, school, date);
        List<Mandate> mandates = mandatesOn(s, brin, date);
        List<Endpoint> endpoints = candidates(usableEndpoints(s, brin, mandates, date), vestiging).values().stream()
                .flatMap(List::stream).toList();

        List<GatewayErrorCode> reasons = new ArrayList<>();
        if (agreement.isEmpty()) {
            reasons.add(GatewayErrorCode.NO_AGREEMENT);
        }
        if (mandates.isEmpty()) {
            reasons.add(GatewayErrorCode.NO_MANDATE);
        } else if (endpoints.isEmpty()) {
            // NO_ENDPOINT means "has a mandate but no endpoint"; without a mandate NO_MANDATE says it all
            reasons.add(GatewayErrorCode.NO_ENDPOINT);
        }
        return new ConnectionReport(brin, vestiging, date, reasons.isEmpty(),
                new ConnectionReport.AgreementStatus(agreement.isPresent(), board.id(), board.name(),
                        agreement.map(Agreement::validFrom).orElse(null), agreement.map(Agreement::validTo).orElse(null)),
                mandates.stream().map(m -> new ConnectionReport.MandateInfo(m.supplierOin(),
                        s.supplier(m.supplierOin()).map(Supplier::name).orElse(null), m.serviceVersion(),
                        m.validFrom(), m.validTo())).toList(),
                endpoints.stream().map(e -> new ConnectionReport.EndpointInfo(e.routeringskenmerk(), e.supplierOin(),
                        e.vestiging(), e.serviceVersion(), e.validFrom(), e.validTo())).toList(),
                reasons);
    }

    @Override
    public Set<String> acceptedServiceVersions(String brin, LocalDate date) {
        RegistrySnapshot s = snapshot;
        return school(s, brin, null).map(school -> acceptedServiceVersions(s, school, null, date)).orElse(Set.of());
    }

    // ---- the rules, shared by all questions above ----

    /** The school, when the BRIN is known and the vestiging (if any) is one of its branches. */
    private static Optional<School> school(RegistrySnapshot s, String brin, String vestiging) {
        return s.school(brin).filter(school -> vestiging == null || school.hasVestiging(vestiging));
    }

    private static School requireSchool(RegistrySnapshot s, String side, String brin, String vestiging) {
        return school(s, brin, vestiging).orElseThrow(() -> new GatewayException(GatewayErrorCode.UNKNOWN_SCHOOL,
                s.school(brin).isEmpty()
                        ? side + " school " + brin + " is not in the registry"
                        : side + " school " + brin + " has no vestiging " + vestiging));
    }

    /** R2: the agreement is the board's, valid on the date; the latest one started wins if they overlap. */
    private static Optional<Agreement> agreementOn(RegistrySnapshot s, School school, LocalDate date) {
        return s.agreements(school.boardId()).stream().filter(a -> a.isValidOn(date)).reduce((a, b) -> b);
    }

    private static void requireAgreement(RegistrySnapshot s, String side, School school, LocalDate date) {
        if (agreementOn(s, school, date).isEmpty()) {
            String board = s.board(school.boardId()).map(b -> b.id() + " (" + b.name() + ")").orElse(school.boardId());
            throw new GatewayException(GatewayErrorCode.NO_AGREEMENT, side + " school " + school.brin()
                    + ": its board " + board + " has no OSO agreement valid on " + date);
        }
    }

    /** R3/R6: the school's mandates (any supplier, any version) valid on the date. */
    private static List<Mandate> mandatesOn(RegistrySnapshot s, String brin, LocalDate date) {
        return s.mandates(brin).stream().filter(m -> m.isValidOn(date)).toList();
    }

    /** R4: endpoints valid on the date whose supplier holds a valid mandate for their version; ended mandates end them. */
    private static List<Endpoint> usableEndpoints(RegistrySnapshot s, String brin, List<Mandate> validMandates,
                                                  LocalDate date) {
        return s.endpoints(brin).stream()
                .filter(e -> e.isValidOn(date))
                .filter(e -> validMandates.stream().anyMatch(m -> m.covers(e.brin(), e.supplierOin(), e.serviceVersion())))
                .toList();
    }

    /**
     * The endpoints a dossier may go to, per service version: for a given vestiging its own endpoints, or the
     * school-wide ones (no vestiging) when it has none; without a vestiging, all of the school's.
     */
    private static Map<String, List<Endpoint>> candidates(List<Endpoint> usable, String vestiging) {
        Map<String, List<Endpoint>> byVersion = usable.stream().collect(
                Collectors.groupingBy(Endpoint::serviceVersion, LinkedHashMap::new, Collectors.toList()));
        if (vestiging != null) {
            byVersion.replaceAll((version, endpoints) -> {
                List<Endpoint> own = endpoints.stream().filter(e -> vestiging.equals(e.vestiging())).toList();
                return own.isEmpty() ? endpoints.stream().filter(e -> e.vestiging() == null).toList() : own;
            });
            byVersion.values().removeIf(List::isEmpty);
        }
        return byVersion;
    }

    /** R1 per version: with an agreement, the versions that have an endpoint for the school (or vestiging). */
    private static Set<String> acceptedServiceVersions(RegistrySnapshot s, School school, String vestiging,
                                                       LocalDate date) {
        if (agreementOn(s, school, date).isEmpty()) {
            return Set.of();
        }
        List<Mandate> mandates = mandatesOn(s, school.brin(), date);
        return Collections.unmodifiableSortedSet(
                new TreeSet<>(candidates(usableEndpoints(s, school.brin(), mandates, date), vestiging).keySet()));
    }

    private static String accepts(RegistrySnapshot s, School school, String vestiging, LocalDate date) {
        Set<String> accepted = acceptedServiceVersions(s, school, vestiging, date);
        return "; it accepts: " + (accepted.isEmpty() ? "none" : String.join(", ", accepted));
    }

    private static String where(String vestiging) {
        return vestiging == null ? "" : " vestiging " + vestiging;
    }

    /** A hint when the sender used another school's routeringskenmerk, a common copy-paste slip. */
    private static String owner(RegistrySnapshot s, String routeringskenmerk, String brin) {
        return s.endpoint(routeringskenmerk).filter(e -> !e.brin().equals(brin))
                .map(e -> " (it belongs to school " + e.brin() + ")").orElse("");
    }
}
