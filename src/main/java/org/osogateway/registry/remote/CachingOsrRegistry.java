package org.osogateway.registry.remote;

import com.github.benmanes.caffeine.cache.Ticker;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.Mandate;
import org.osogateway.registry.ResolvedEndpoint;
import org.osogateway.registry.RoutingRegistry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@link RoutingRegistry} over the OSR, with the answers cached (see {@link CachedLookup}).
 *
 * <p>Same rules as {@link org.osogateway.registry.LocalRoutingRegistry} where the OSR has the data, with these
 * differences, all because the OSR knows no boards, agreements, school names or branch lists:
 * <ul>
 * <li>the agreement check (NO_AGREEMENT) is assumed satisfied: the OSR only lists schools whose board has one;</li>
 * <li>UNKNOWN_SCHOOL means the OSR knows neither mandates nor endpoints for the school on the date;</li>
 * <li>a vestiging is never unknown: without own endpoints it falls back to the school-wide ones.</li>
 * </ul>
 * A school's mandates are asked once per school and date (all suppliers, all versions) and filtered here;
 * endpoints per school, service version and date. R4 holds as locally: an endpoint counts only while its
 * supplier holds a mandate for its version.
 */
public final class CachingOsrRegistry implements RoutingRegistry, AutoCloseable {
    private static final String SENDER = "sender";
    private static final String RECEIVER = "receiver";

    private record EndpointsKey(String schoolOin, String serviceVersion, LocalDate date) {
    }

    private record RoutingIdKey(String routingId, String serviceVersion, LocalDate date) {
    }

    private record MandatesKey(String schoolOin, LocalDate date) {
    }

    private final ExecutorService executor;
    private final CachedLookup<EndpointsKey, Endpoint> endpoints;
    private final CachedLookup<RoutingIdKey, Endpoint> byRoutingId;
    private final CachedLookup<MandatesKey, Mandate> mandates;

    /** A registry over the client, with the system ticker. */
    public CachingOsrRegistry(OsrClient client, OsrCacheSettings settings) {
        this(client, settings, Ticker.systemTicker());
    }

    /** A registry over the client; the ticker drives the cache's TTLs (tests pass a controllable one). */
    public CachingOsrRegistry(OsrClient client, OsrCacheSettings settings, Ticker ticker) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "osr-lookup-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        OsrRateGate gate = new OsrRateGate(ticker);
        this.endpoints = new CachedLookup<>("endpoints", k -> client.endpointsOfSchool(k.schoolOin(), k.serviceVersion(),
                k.date()), settings, ticker, pool, gate);
        this.byRoutingId = new CachedLookup<>("routing id", k -> client.endpointsByRoutingId(k.routingId(),
                k.serviceVersion(), k.date()), settings, ticker, pool, gate);
        this.mandates = new CachedLookup<>("mandates", k -> client.mandates(null, k.schoolOin(), null, k.date()),
                settings, ticker, pool, gate);
    }

    @Override
    public ResolvedEndpoint resolveReceiver(String brin, String vestiging, String routeringskenmerk,
                                            String serviceVersion, LocalDate date) {
        String oin = SchoolOin.of(brin);
        List<Mandate> valid = mandatesOn(oin, date);
        List<Endpoint> forVersion = usable(endpointsOn(oin, serviceVersion, date), valid, brin);
        if (valid.isEmpty()) {
            if (endpointsOn(oin, serviceVersion, date).isEmpty()) {
                throw unknownSchool(RECEIVER, brin, date);
            }
            throw new GatewayException(GatewayErrorCode.NO_MANDATE, "receiver school " + brin
                    + " has no mandate of any LAS valid on " + date);
        }
        List<Endpoint> candidates = candidates(forVersion, vestiging);
        if (candidates.isEmpty()) {
            throw new GatewayException(GatewayErrorCode.NO_ENDPOINT, "receiver school " + brin + where(vestiging)
                    + " has no endpoint for service version " + serviceVersion + " on " + date
                    + "; it accepts: " + joinOrNone(accepted(oin, brin, vestiging, valid, date)));
        }
        if (routeringskenmerk != null) {
            candidates = candidates.stream().filter(e -> e.routeringskenmerk().equals(routeringskenmerk)).toList();
            if (candidates.isEmpty()) {
                throw new GatewayException(GatewayErrorCode.NO_ENDPOINT, "receiver school " + brin + where(vestiging)
                        + " has no endpoint with routeringskenmerk " + routeringskenmerk + " for service version "
                        + serviceVersion + " on " + date + owner(routeringskenmerk, serviceVersion, date, brin));
            }
        }
        if (candidates.size() > 1) {
            throw new GatewayException(GatewayErrorCode.AMBIGUOUS_ROUTE, "receiver school " + brin + where(vestiging)
                    + " has " + candidates.size() + " endpoints for service version " + serviceVersion
                    + "; pick one with a routeringskenmerk: "
                    + candidates.stream().map(Endpoint::routeringskenmerk).collect(Collectors.joining(", ")));
        }
        Endpoint e = candidates.get(0);
        return new ResolvedEndpoint(e.routeringskenmerk(), e.brin(), e.vestiging(), e.supplierOin(), e.serviceVersion(),
                e.url(), e.services());
    }

    @Override
    public void checkSender(String brin, String vestiging, String supplierOin, String serviceVersion, LocalDate date) {
        String oin = SchoolOin.of(brin);
        List<Mandate> valid = mandatesOn(oin, date);
        boolean mandated = valid.stream().anyMatch(m -> m.serviceVersion().equals(serviceVersion)
                && (supplierOin == null || m.supplierOin().equals(supplierOin)));
        if (mandated) {
            return;
        }
        if (valid.isEmpty() && endpointsOn(oin, serviceVersion, date).isEmpty()) {
            throw unknownSchool(SENDER, brin, date);
        }
        String who = supplierOin == null ? "any LAS" : "supplier " + supplierOin;
        throw new GatewayException(GatewayErrorCode.NO_MANDATE, "sender school " + brin + " has no mandate of "
                + who + " for service version " + serviceVersion + " valid on " + date);
    }

    @Override
    public ConnectionReport checkConnection(String brin, String vestiging, LocalDate date) {
        String oin = SchoolOin.of(brin);
        List<Mandate> valid = mandatesOn(oin, date);
        if (valid.isEmpty()) {
            // the OSR has no per-school query without a service version: no mandates is all it can tell
            return new ConnectionReport(brin, vestiging, date, false,
                    new ConnectionReport.AgreementStatus(false, null, null, null, null),
                    List.of(), List.of(), List.of(GatewayErrorCode.UNKNOWN_SCHOOL));
        }
        List<Endpoint> found = new ArrayList<>();
        for (String version : versions(valid)) {
            found.addAll(candidates(usable(endpointsOn(oin, version, date), valid, brin), vestiging));
        }
        List<GatewayErrorCode> reasons = found.isEmpty() ? List.of(GatewayErrorCode.NO_ENDPOINT) : List.of();
        return new ConnectionReport(brin, vestiging, date, reasons.isEmpty(),
                // assumed: the OSR lists only schools whose board has an agreement; it names no board
                new ConnectionReport.AgreementStatus(true, null, null, null, null),
                valid.stream().map(m -> new ConnectionReport.MandateInfo(m.supplierOin(), null, m.serviceVersion(),
                        m.validFrom(), m.validTo())).toList(),
                found.stream().map(e -> new ConnectionReport.EndpointInfo(e.routeringskenmerk(), e.supplierOin(),
                        e.vestiging(), e.serviceVersion(), e.validFrom(), e.validTo())).toList(),
                reasons);
    }

    @Override
    public Set<String> acceptedServiceVersions(String brin, LocalDate date) {
        String oin = SchoolOin.of(brin);
        return accepted(oin, brin, null, mandatesOn(oin, date), date);
    }

    /** Forgets all cached answers (for operators after an OSR change that cannot wait for the TTL). */
    public void invalidateAll() {
        endpoints.invalidateAll();
        byRoutingId.invalidateAll();
        mandates.invalidateAll();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    // ---- the rules ----

    private List<Mandate> mandatesOn(String oin, LocalDate date) {
        return mandates.get(new MandatesKey(oin, date)).stream().filter(m -> m.isValidOn(date)).toList();
    }

    private List<Endpoint> endpointsOn(String oin, String serviceVersion, LocalDate date) {
        return endpoints.get(new EndpointsKey(oin, serviceVersion, date)).stream()
                .filter(e -> e.isValidOn(date) && e.serviceVersion().equals(serviceVersion)).toList();
    }

    /** R4/R5: the school's own endpoints whose supplier holds a valid mandate for the endpoint's version. */
    private static List<Endpoint> usable(List<Endpoint> found, List<Mandate> valid, String brin) {
        return found.stream().filter(e -> e.brin().equals(brin))
                .filter(e -> valid.stream().anyMatch(m -> m.covers(e.brin(), e.supplierOin(), e.serviceVersion())))
                .toList();
    }

    /** For a vestiging its own endpoints, else the school-wide ones; without a vestiging all of them. */
    private static List<Endpoint> candidates(List<Endpoint> usable, String vestiging) {
        if (vestiging == null) {
            return usable;
        }
        List<Endpoint> own = usable.stream().filter(e -> vestiging.equals(e.vestiging())).toList();
        return own.isEmpty() ? usable.stream().filter(e -> e.vestiging() == null).toList() : own;
    }

    private static Set<String> versions(List<Mandate> valid) {
        return new TreeSet<>(valid.stream().map(Mandate::serviceVersion).toList());
    }

    /** The versions (of the school's mandates) that have a usable endpoint for the school or vestiging. */
    private Set<String> accepted(String oin, String brin, String vestiging, List<Mandate> valid, LocalDate date) {
        Set<String> accepted = new TreeSet<>();
        for (String version : versions(valid)) {
            if (!candidates(usable(endpointsOn(oin, version, date), valid, brin), vestiging).isEmpty()) {
                accepted.add(version);
            }
        }
        return Collections.unmodifiableSortedSet((TreeSet<String>) accepted);
    }

    /** A hint when the routeringskenmerk belongs to another school; best effort, silent when the OSR fails. */
    private String owner(String routeringskenmerk, String serviceVersion, LocalDate date, String brin) {
        try {
            return byRoutingId.get(new RoutingIdKey(routeringskenmerk, serviceVersion, date)).stream()
                    .filter(e -> !e.brin().equals(brin)).findFirst()
                    .map(e -> " (it belongs to school " + e.brin() + ")").orElse("");
        } catch (GatewayException e) {
            return "";
        }
    }

    private static GatewayException unknownSchool(String side, String brin, LocalDate date) {
        return new GatewayException(GatewayErrorCode.UNKNOWN_SCHOOL, side + " school " + brin
                + " is not in the registry (the OSR knows no mandates or endpoints for it on " + date + ")");
    }

    private static String where(String vestiging) {
        return vestiging == null ? "" : " vestiging " + vestiging;
    }

    private static String joinOrNone(Set<String> versions) {
        return versions.isEmpty() ? "none" : String.join(", ", versions);
    }
}
