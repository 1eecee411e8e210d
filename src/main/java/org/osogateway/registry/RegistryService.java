package org.osogateway.registry;

import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.audit.AuditTrail;
import org.osogateway.registry.RegistryRejectedException.Reason;
import org.osogateway.tls.PlainHttpRule;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The one way the registry is changed while the gateway runs (admin API) and by {@code registry import}:
 * load the registry from the store, apply the change, check the whole with {@link RegistryValidator},
 * store it in one transaction together with its audit rows, and reload this instance's routing snapshot
 * at once. Writes are serialized in-process; a change made by another instance in between is detected
 * by the store's version counter and refused (try again) rather than overwritten.
 */
public final class RegistryService {
    private final JdbcRegistryStore store;
    private final RegistrySnapshotRefresher refresher;
    private final AuditTrail audit;
    private final boolean allowHttpLoopback;
    private final Clock clock;
    private final RegistryValidator validator = new RegistryValidator();

    /** {@code refresher} may be null when no routing snapshot runs in this process (the CLI). */
    public RegistryService(JdbcRegistryStore store, RegistrySnapshotRefresher refresher, AuditTrail audit,
                           boolean allowHttpLoopback, Clock clock) {
        this.store = store;
        this.refresher = refresher;
        this.audit = audit;
        this.allowHttpLoopback = allowHttpLoopback;
        this.clock = clock;
    }

    /** What a change did (or, in a dry run, would do), and the registry after it. */
    public record Result(List<RegistryChange> changes, RegistryData data, boolean stored) {
        public long count(RegistryChange.Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }
    }

    /** The registry as the store has it now. */
    public RegistryData current() {
        return store.load();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- the change itself: one path for every operation ----

    /**
     * Applies {@code change} to the current registry and stores the result if it is valid. The operator may
     * throw {@link RegistryRejectedException} (e.g. NOT_FOUND for an unknown entry in the path).
     */
    public synchronized Result apply(String actor, UnaryOperator<RegistryData> change, boolean dryRun) {
        long version = store.version();
        RegistryData before = store.load();
        RegistryData after = change.apply(before);
        List<RegistryChange> changes = RegistryChange.between(before, after);
        check(before, after, changes);
        if (dryRun || changes.isEmpty()) {
            return new Result(changes, after, false);
        }
        Instant now = clock.instant();
        List<AuditEvent> events = changes.stream().map(c -> new AuditEvent(null, null, null, null,
                AuditEventType.REGISTRY_CHANGED, now, null, c.kind().name().toLowerCase(Locale.ROOT), c.summary(),
                null, null, actor, null)).toList();
        if (!store.replaceAll(after, version, c -> audit.append(c, events))) {
            throw new RegistryRejectedException(Reason.CONFLICT,
                    "the registry was changed elsewhere in the meantime; nothing was stored, try again");
        }
        audit.log(events);
        if (refresher != null) {
            refresher.refreshNow();
        }
        return new Result(changes, after, true);
    }

    /** Replaces the whole registry with {@code data} (registry import): all or nothing. */
    public Result importData(String actor, RegistryData data, boolean dryRun) {
        return apply(actor, old -> data, dryRun);
    }

    private void check(RegistryData before, RegistryData after, List<RegistryChange> changes) {
        Set<RuleFinding> known = new HashSet<>(validator.validate(before));
        List<RuleFinding> invalid = new ArrayList<>();
        List<RuleFinding> conflicts = new ArrayList<>();
        for (RuleFinding finding : validator.validate(after)) {
            if (known.contains(finding)) {
                continue; // an old problem is not this change's fault (the store never holds one anyway)
            }
            (finding.kind() == RuleFinding.Kind.CONFLICT ? conflicts : invalid).add(finding);
        }
        Set<String> touched = new HashSet<>();
        changes.stream().filter(c -> c.entity().equals("endpoint") && c.after() != null)
                .forEach(c -> touched.add(c.key()));
        for (Endpoint endpoint : after.endpoints()) {
            if (touched.contains(endpoint.routeringskenmerk())) {
                urlPolicy(endpoint).ifPresent(invalid::add);
            }
        }
        if (!invalid.isEmpty()) {
            invalid.addAll(conflicts);
            throw new RegistryRejectedException(Reason.INVALID, invalid);
        }
        if (!conflicts.isEmpty()) {
            throw new RegistryRejectedException(Reason.CONFLICT, conflicts);
        }
    }

    /** Endpoint URLs are https; plain http only to loopback, and only when the development setting allows it. */
    private Optional<RuleFinding> urlPolicy(Endpoint endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint.url());
        } catch (Exception e) {
            return Optional.empty(); // the validator reports it
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || !scheme.equals("http")) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (allowHttpLoopback && PlainHttpRule.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of(RuleFinding.invalid("URL_POLICY", "url", "school " + endpoint.brin() + " endpoint "
                + endpoint.routeringskenmerk() + ": url " + endpoint.url() + " must be https" + (allowHttpLoopback
                ? " (plain http is allowed only to localhost or 127.0.0.1)"
                : " (plain http to loopback needs gateway.admin.allow-http-loopback=true)")));
    }

    // ---- boards and agreements ----

    public Result createBoard(String actor, Board board) {
        return apply(actor, d -> {
            if (d.boards().stream().anyMatch(b -> b.id().equals(board.id()))) {
                throw new RegistryRejectedException(Reason.CONFLICT, "board " + board.id() + " exists already");
            }
            return with(d, plus(d.boards(), board), null, null, null, null, null);
        }, false);
    }

    public Result updateBoard(String actor, String id, String name) {
        return apply(actor, d -> {
            requireBoard(d, id);
            return with(d, d.boards().stream().map(b -> b.id().equals(id) ? new Board(id, name) : b).toList(),
                    null, null, null, null, null);
        }, false);
    }

    public Result addAgreement(String actor, Agreement agreement) {
        return apply(actor, d -> {
            requireBoard(d, agreement.boardId());
            if (d.agreements().stream().anyMatch(a -> RegistryChange.key(a).equals(RegistryChange.key(agreement)))) {
                throw new RegistryRejectedException(Reason.CONFLICT, "board " + agreement.boardId()
                        + " has an agreement from " + agreement.validFrom() + " already");
            }
            return with(d, null, plus(d.agreements(), agreement), null, null, null, null);
        }, false);
    }

    /** Sets (or, with null, clears) the end of the board's agreement that starts on {@code validFrom}. */
    public Result setAgreementEnd(String actor, String boardId, LocalDate validFrom, LocalDate validTo) {
        return apply(actor, d -> {
            requireBoard(d, boardId);
            String key = boardId + "@" + validFrom;
            if (d.agreements().stream().noneMatch(a -> RegistryChange.key(a).equals(key))) {
                throw new RegistryRejectedException(Reason.NOT_FOUND, "board " + boardId + " has no agreement from " + validFrom);
            }
            return with(d, null, d.agreements().stream().map(a -> RegistryChange.key(a).equals(key)
                    ? new Agreement(boardId, validFrom, validTo) : a).toList(), null, null, null, null);
        }, false);
    }

    // ---- schools, suppliers ----

    public Result createSchool(String actor, School school) {
        return apply(actor, d -> {
            if (d.schools().stream().anyMatch(s -> s.brin().equals(school.brin()))) {
                throw new RegistryRejectedException(Reason.CONFLICT, "school " + school.brin() + " exists already");
            }
            return with(d, null, null, plus(d.schools(), school), null, null, null);
        }, false);
    }

    /** Replaces a school's name, board and branches; null keeps the current value. */
    public Result updateSchool(String actor, String brin, String name, String boardId, Set<String> vestigingen) {
        return apply(actor, d -> {
            School old = requireSchool(d, brin);
            School updated = new School(brin, name != null ? name : old.name(), boardId != null ? boardId : old.boardId(),
                    vestigingen != null ? vestigingen : old.vestigingen());
            return with(d, null, null, d.schools().stream().map(s -> s.brin().equals(brin) ? updated : s).toList(),
                    null, null, null);
        }, false);
    }

    public Result addVestiging(String actor, String brin, String vestiging) {
        return apply(actor, d -> {
            School old = requireSchool(d, brin);
            if (old.hasVestiging(vestiging)) {
                throw new RegistryRejectedException(Reason.CONFLICT, "school " + brin + " has vestiging " + vestiging + " already");
            }
            Set<String> codes = new TreeSet<>(old.vestigingen());
            codes.add(vestiging);
            School updated = new School(brin, old.name(), old.boardId(), codes);
            return with(d, null, null, d.schools().stream().map(s -> s.brin().equals(brin) ? updated : s).toList(),
                    null, null, null);
        }, false);
    }

    public Result createSupplier(String actor, Supplier supplier) {
        return apply(actor, d -> {
            if (d.suppliers().stream().anyMatch(s -> s.oin().equals(supplier.oin()))) {
                throw new RegistryRejectedException(Reason.CONFLICT, "supplier " + supplier.oin() + " exists already");
            }
            return with(d, null, null, null, plus(d.suppliers(), supplier), null, null);
        }, false);
    }

    public Result updateSupplier(String actor, String oin, String name) {
        return apply(actor, d -> {
            if (d.suppliers().stream().noneMatch(s -> s.oin().equals(oin))) {
                throw new RegistryRejectedException(Reason.NOT_FOUND, "no supplier " + oin);
            }
            return with(d, null, null, null, d.suppliers().stream()
                    .map(s -> s.oin().equals(oin) ? new Supplier(oin, name) : s).toList(), null, null);
        }, false);
    }

    // ---- mandates and endpoints ----

    public Result addMandate(String actor, Mandate mandate) {
        return apply(actor, d -> {
            if (d.mandates().stream().anyMatch(m -> RegistryChange.key(m).equals(RegistryChange.key(mandate)))) {
                throw new RegistryRejectedException(Reason.CONFLICT, "mandate " + RegistryChange.key(mandate) + " exists already");
            }
            return with(d, null, null, null, null, plus(d.mandates(), mandate), null);
        }, false);
    }

    /**
     * Sets (or, with null, clears) the end of a mandate. Ending it ends its endpoints' use on the same day
     * (R4): endpoints under it that run longer get the same end date, unless a renewal of the mandate
     * (same school, supplier and service version) starts the next day.
     */
    public Result setMandateEnd(String actor, String brin, String supplierOin, String serviceVersion,
                                LocalDate validFrom, LocalDate validTo) {
        return apply(actor, d -> {
            Mandate target = d.mandates().stream().filter(m -> m.covers(brin, supplierOin, serviceVersion)
                    && m.validFrom().equals(validFrom)).findFirst().orElseThrow(() -> new RegistryRejectedException(
                    Reason.NOT_FOUND, "school " + brin + " has no mandate of supplier " + supplierOin
                    + " for service version " + serviceVersion + " from " + validFrom));
            Mandate ended = new Mandate(brin, supplierOin, serviceVersion, validFrom, validTo);
            List<Mandate> mandates = d.mandates().stream().map(m -> m == target ? ended : m).toList();
            List<Endpoint> endpoints = d.endpoints();
            if (validTo != null) {
                // endpoints under it that run past its end, unless a renewal covers them the day after (R4)
                LocalDate dayAfter = validTo.plusDays(1);
                endpoints = endpoints.stream().map(e -> MandateCoverage.isUnder(e, ended)
                        && !e.validFrom().isAfter(validTo) && e.isValidOn(dayAfter)
                        && !MandateCoverage.coversOn(e, mandates, dayAfter) ? endWith(e, validTo) : e).toList();
            }
            return with(d, null, null, null, null, mandates, endpoints);
        }, false);
    }

    public Result createEndpoint(String actor, Endpoint endpoint) {
        return apply(actor, d -> {
            if (d.endpoints().stream().anyMatch(e -> e.routeringskenmerk().equals(endpoint.routeringskenmerk()))) {
                throw new RegistryRejectedException(Reason.CONFLICT, "endpoint " + endpoint.routeringskenmerk()
                        + " exists already (R5: a routeringskenmerk names one endpoint)");
            }
            return with(d, null, null, null, null, null, plus(d.endpoints(), endpoint));
        }, false);
    }

    /** Replaces an endpoint (same routeringskenmerk). */
    public Result updateEndpoint(String actor, Endpoint endpoint) {
        return apply(actor, d -> {
            requireEndpoint(d, endpoint.routeringskenmerk());
            return with(d, null, null, null, null, null, d.endpoints().stream()
                    .map(e -> e.routeringskenmerk().equals(endpoint.routeringskenmerk()) ? endpoint : e).toList());
        }, false);
    }

    public Result setEndpointEnd(String actor, String routeringskenmerk, LocalDate validTo) {
        return apply(actor, d -> {
            requireEndpoint(d, routeringskenmerk);
            return with(d, null, null, null, null, null, d.endpoints().stream()
                    .map(e -> e.routeringskenmerk().equals(routeringskenmerk) ? endWith(e, validTo) : e).toList());
        }, false);
    }

    // ---- helpers ----

    private static Endpoint endWith(Endpoint e, LocalDate validTo) {
        return new Endpoint(e.routeringskenmerk(), e.brin(), e.vestiging(), e.supplierOin(), e.serviceVersion(), e.url(),
                e.validFrom(), validTo, e.services());
    }

    private static void requireBoard(RegistryData d, String id) {
        if (d.boards().stream().noneMatch(b -> b.id().equals(id))) {
            throw new RegistryRejectedException(Reason.NOT_FOUND, "no board " + id);
        }
    }

    private static School requireSchool(RegistryData d, String brin) {
        return d.schools().stream().filter(s -> s.brin().equals(brin)).findFirst()
                .orElseThrow(() -> new RegistryRejectedException(Reason.NOT_FOUND, "no school " + brin));
    }

    private static void requireEndpoint(RegistryData d, String routeringskenmerk) {
        if (d.endpoints().stream().noneMatch(e -> e.routeringskenmerk().equals(routeringskenmerk))) {
            throw new RegistryRejectedException(Reason.NOT_FOUND, "no endpoint " + routeringskenmerk);
        }
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    /** A copy of {@code d} with the given lists replaced (null keeps the current one). */
    private static RegistryData with(RegistryData d, List<Board> boards, List<Agreement> agreements, List<School> schools,
                                     List<Supplier> suppliers, List<Mandate> mandates, List<Endpoint> endpoints) {
        return new RegistryData(boards != null ? boards : d.boards(), agreements != null ? agreements : d.agreements(),
                schools != null ? schools : d.schools(), suppliers != null ? suppliers : d.suppliers(),
                mandates != null ? mandates : d.mandates(), endpoints != null ? endpoints : d.endpoints());
    }
}
