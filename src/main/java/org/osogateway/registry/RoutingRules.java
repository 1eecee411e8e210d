package org.osogateway.registry;

import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The routing rules R1-R7, once, over a {@link RegistrySource}: the local snapshot and the OSR answer the same
 * questions with the same faults, in the same order and with the same messages. What a source cannot know
 * (the OSR: schools, boards, agreements, suppliers) is a property of the source, read here:
 * <ul>
 * <li>without a school list, a school is known by its mandates (or its endpoints for the version asked about),
 * and every branch code of it counts;</li>
 * <li>without agreements, the agreement is assumed (R2: the OSR lists only schools whose board has one);</li>
 * <li>without a supplier list, a supplier is registered by its mandates.</li>
 * </ul>
 */
public final class RoutingRules implements RoutingRegistry {
    private static final String SENDER = "sender";
    private static final String RECEIVER = "receiver";
    private static final Comparator<Mandate> MANDATE_ORDER = Comparator.comparing(Mandate::serviceVersion)
            .thenComparing(Mandate::supplierOin).thenComparing(Mandate::validFrom);

    private final java.util.function.Supplier<? extends RegistrySource> sources;

    /**
     * Rules over a source whose content can change: {@code sources} gives the view one whole question is
     * answered from (e.g. the current snapshot), so an answer never mixes two versions of the registry.
     */
    public RoutingRules(java.util.function.Supplier<? extends RegistrySource> sources) {
        this.sources = sources;
    }

    /** Rules over one source, asked directly for every question (the OSR keeps its own caches). */
    public RoutingRules(RegistrySource source) {
        this(() -> source);
    }

    /** A school the source knows: its entry when the source lists schools, else null (then any branch counts). */
    private record KnownSchool(String brin, School listed) {
        boolean hasVestiging(String vestiging) {
            return vestiging == null || listed == null || listed.hasVestiging(vestiging);
        }
    }

    /** The board's agreement on a date (R2): the one found, none, or assumed where the source cannot know. */
    private record AgreementOnDate(boolean holds, Agreement agreement) {
        static final AgreementOnDate NONE = new AgreementOnDate(false, null);
        static final AgreementOnDate ASSUMED = new AgreementOnDate(true, null);
    }

    @Override
    public ResolvedEndpoint resolveReceiver(String brin, String vestiging, String routeringskenmerk,
                                            String serviceVersion, LocalDate date) {
        RegistrySource s = sources.get();
        KnownSchool school = requireSchool(s, RECEIVER, brin, vestiging, serviceVersion, date);
        requireAgreement(s, RECEIVER, school, date);
        List<Mandate> mandates = mandatesOn(s, brin, date);
        // contract.md: NO_MANDATE when no LAS holds a mandate at all; a mandate for other versions only
        // means there is no endpoint for this one (NO_ENDPOINT, naming the versions it does accept).
        if (mandates.isEmpty()) {
            throw new GatewayException(GatewayErrorCode.NO_MANDATE, "receiver school " + brin
                    + " has no mandate of any LAS valid on " + date);
        }
        List<Endpoint> candidates = candidates(usableEndpoints(s, brin, serviceVersion, mandates, date), vestiging);
        if (candidates.isEmpty()) {
            Set<String> accepted = accepted(s, brin, vestiging, mandates, date);
            throw new GatewayException(GatewayErrorCode.NO_ENDPOINT, "receiver school " + brin + where(vestiging)
                    + " has no endpoint for service version " + serviceVersion + " on " + date
                    + "; it accepts: " + (accepted.isEmpty() ? "none" : String.join(", ", accepted)));
        }
        if (routeringskenmerk != null) {
            candidates = candidates.stream().filter(e -> e.routeringskenmerk().equals(routeringskenmerk)).toList();
            if (candidates.isEmpty()) {
                throw new GatewayException(GatewayErrorCode.NO_ENDPOINT, "receiver school " + brin + where(vestiging)
                        + " has no endpoint with routeringskenmerk " + routeringskenmerk + " for service version "
                        + serviceVersion + " on " + date + owner(s, routeringskenmerk, serviceVersion, date, brin));
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
        RegistrySource s = sources.get();
        KnownSchool school = requireSchool(s, SENDER, brin, vestiging, serviceVersion, date);
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

    /**
     * {@inheritDoc}
     *
     * <p>An unknown school is refused exactly like a school without a mandate of the supplier, with the same
     * message: a supplier without a mandate learns nothing about which schools exist. No school, board or
     * agreement is looked at, only the supplier and the school's mandates.
     */
    @Override
    public void authorizeSender(String supplierOin, String brin, String serviceVersion, LocalDate date) {
        RegistrySource s = sources.get();
        boolean registered = supplierOin != null && (!s.knowsSuppliers() || s.supplier(supplierOin).isPresent());
        // R3: the mandate is on the 4-character BRIN; all branches share it
        if (registered && mandatesOn(s, brin, date).stream().anyMatch(m -> m.covers(brin, supplierOin, serviceVersion))) {
            return;
        }
        String who = supplierOin == null ? "an unidentified supplier" : "supplier " + supplierOin;
        throw new GatewayException(GatewayErrorCode.SENDER_NOT_AUTHORIZED, who + " may not send dossiers for school " + brin + ": it holds no mandate of that school for service version "
                + serviceVersion + " valid on " + date);
    }

    @Override
    public ConnectionReport checkConnection(String brin, String vestiging, LocalDate date) {
        RegistrySource s = sources.get();
        Optional<KnownSchool> found = school(s, brin, vestiging, null, date);
        if (found.isEmpty()) {
            return new ConnectionReport(brin, vestiging, date, false,
                    new ConnectionReport.AgreementStatus(false, null, null, null, null),
                    List.of(), List.of(), List.of(GatewayErrorCode.UNKNOWN_SCHOOL));
        }
        KnownSchool school = found.get();
        Optional<Board> board = board(s, school);
        AgreementOnDate agreement = agreementOn(s, school, date);
        List<Mandate> mandates = mandatesOn(s, brin, date);
        List<Endpoint> endpoints = new ArrayList<>();
        for (String version : versions(mandates)) {
            endpoints.addAll(candidates(usableEndpoints(s, brin, version, mandates, date), vestiging));
        }
        endpoints.sort(Comparator.comparing(Endpoint::routeringskenmerk));

        List<GatewayErrorCode> reasons = new ArrayList<>();
        if (!agreement.holds()) {
            reasons.add(GatewayErrorCode.NO_AGREEMENT);
        }
        if (mandates.isEmpty()) {
            reasons.add(GatewayErrorCode.NO_MANDATE);
        } else if (endpoints.isEmpty()) {
            // NO_ENDPOINT means "has a mandate but no endpoint"; without a mandate NO_MANDATE says it all
            reasons.add(GatewayErrorCode.NO_ENDPOINT);
        }
        Agreement a = agreement.agreement();
        return new ConnectionReport(brin, vestiging, date, reasons.isEmpty(),
                new ConnectionReport.AgreementStatus(agreement.holds(), board.map(Board::id).orElse(null),
                        board.map(Board::name).orElse(null), a == null ? null : a.validFrom(),
                        a == null ? null : a.validTo()),
                mandates.stream().map(m -> new ConnectionReport.MandateInfo(m.supplierOin(),
                        s.supplier(m.supplierOin()).map(Supplier::name).orElse(null), m.serviceVersion(),
                        m.validFrom(), m.validTo())).toList(),
                endpoints.stream().map(e -> new ConnectionReport.EndpointInfo(e.routeringskenmerk(), e.supplierOin(),
                        e.vestiging(), e.serviceVersion(), e.validFrom(), e.validTo())).toList(),
                reasons);
    }

    @Override
    public Set<String> acceptedServiceVersions(String brin, LocalDate date) {
        RegistrySource s = sources.get();
        Optional<KnownSchool> school = school(s, brin, null, null, date);
        if (school.isEmpty() || !agreementOn(s, school.get(), date).holds()) {
            return Set.of();
        }
        return accepted(s, brin, null, mandatesOn(s, brin, date), date);
    }

    // ---- the rules, shared by all questions above ----

    /**
     * The school, when the source knows it and the vestiging (if any) is one of its branches. A source without
     * a school list knows a school that has mandates on the date or, for {@code serviceVersion} (null: none),
     * endpoints.
     */
    private static Optional<KnownSchool> school(RegistrySource s, String brin, String vestiging, String serviceVersion,
                                                LocalDate date) {
        if (s.listsSchools()) {
            return s.school(brin).map(school -> new KnownSchool(brin, school)).filter(k -> k.hasVestiging(vestiging));
        }
        boolean known = !mandatesOn(s, brin, date).isEmpty()
                || (serviceVersion != null && !endpointsOn(s, brin, serviceVersion, date).isEmpty());
        return known ? Optional.of(new KnownSchool(brin, null)) : Optional.empty();
    }

    private static KnownSchool requireSchool(RegistrySource s, String side, String brin, String vestiging,
                                             String serviceVersion, LocalDate date) {
        return school(s, brin, vestiging, serviceVersion, date).orElseThrow(() -> new GatewayException(
                GatewayErrorCode.UNKNOWN_SCHOOL, !s.listsSchools()
                ? side + " school " + brin + " is not in the registry (" + s.name()
                        + " knows no mandates or endpoints for it on " + date + ")"
                : s.school(brin).isEmpty()
                        ? side + " school " + brin + " is not in the registry"
                        : side + " school " + brin + " has no vestiging " + vestiging));
    }

    private static Optional<Board> board(RegistrySource s, KnownSchool school) {
        return school.listed() == null ? Optional.empty() : s.board(school.listed().boardId());
    }

    /** R2: the agreement is the board's, valid on the date; the latest one started wins if they overlap. */
    private static AgreementOnDate agreementOn(RegistrySource s, KnownSchool school, LocalDate date) {
        if (!s.knowsAgreements()) {
            return AgreementOnDate.ASSUMED;
        }
        if (school.listed() == null) {
            return AgreementOnDate.NONE;
        }
        return s.agreements(school.listed().boardId()).stream().filter(a -> a.isValidOn(date)).reduce((a, b) -> b)
                .map(a -> new AgreementOnDate(true, a)).orElse(AgreementOnDate.NONE);
    }

    private static void requireAgreement(RegistrySource s, String side, KnownSchool school, LocalDate date) {
        if (!agreementOn(s, school, date).holds()) {
            String boardId = school.listed() == null ? "(unknown)" : school.listed().boardId();
            String board = board(s, school).map(b -> b.id() + " (" + b.name() + ")").orElse(boardId);
            throw new GatewayException(GatewayErrorCode.NO_AGREEMENT, side + " school " + school.brin()
                    + ": its board " + board + " has no OSO agreement valid on " + date);
        }
    }

    /** R3/R6: the school's mandates (any supplier, any version) valid on the date, in a stable order. */
    private static List<Mandate> mandatesOn(RegistrySource s, String brin, LocalDate date) {
        return s.mandates(brin, date).stream().filter(m -> m.brin().equals(brin) && m.isValidOn(date))
                .sorted(MANDATE_ORDER).toList();
    }

    /** R5/R6: the school's own endpoints for the version, valid on the date, by routeringskenmerk. */
    private static List<Endpoint> endpointsOn(RegistrySource s, String brin, String serviceVersion, LocalDate date) {
        return s.endpoints(brin, serviceVersion, date).stream()
                .filter(e -> e.brin().equals(brin) && e.serviceVersion().equals(serviceVersion) && e.isValidOn(date))
                .sorted(Comparator.comparing(Endpoint::routeringskenmerk)).toList();
    }

    /** R4: of those, the endpoints whose supplier holds a valid mandate for their version; ended mandates end them. */
    private static List<Endpoint> usableEndpoints(RegistrySource s, String brin, String serviceVersion,
                                                  List<Mandate> validMandates, LocalDate date) {
        return endpointsOn(s, brin, serviceVersion, date).stream()
                .filter(e -> MandateCoverage.coversOn(e, validMandates, date)).toList();
    }

    /**
     * The endpoints (of one version) a dossier may go to: for a given vestiging its own endpoints, or the
     * school-wide ones (no vestiging) when it has none; without a vestiging, all of the school's.
     */
    private static List<Endpoint> candidates(List<Endpoint> usable, String vestiging) {
        if (vestiging == null) {
            return usable;
        }
        List<Endpoint> own = usable.stream().filter(e -> vestiging.equals(e.vestiging())).toList();
        return own.isEmpty() ? usable.stream().filter(e -> e.vestiging() == null).toList() : own;
    }

    private static Set<String> versions(List<Mandate> mandates) {
        return new TreeSet<>(mandates.stream().map(Mandate::serviceVersion).toList());
    }

    /** R1 per version: the versions (of the school's mandates) that have an endpoint for the school or vestiging. */
    private static Set<String> accepted(RegistrySource s, String brin, String vestiging, List<Mandate> mandates,
                                        LocalDate date) {
        TreeSet<String> accepted = new TreeSet<>();
        for (String version : versions(mandates)) {
            if (!candidates(usableEndpoints(s, brin, version, mandates, date), vestiging).isEmpty()) {
                accepted.add(version);
            }
        }
        return Collections.unmodifiableSortedSet(accepted);
    }

    private static String where(String vestiging) {
        return vestiging == null ? "" : " vestiging " + vestiging;
    }

    /** A hint when the sender used another school's routeringskenmerk, a common copy-paste slip. */
    private static String owner(RegistrySource s, String routeringskenmerk, String serviceVersion, LocalDate date,
                                String brin) {
        return s.endpoint(routeringskenmerk, serviceVersion, date).filter(e -> !e.brin().equals(brin))
                .map(e -> " (it belongs to school " + e.brin() + ")").orElse("");
    }
}
