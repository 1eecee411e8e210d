package org.osogateway.registry.remote;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.osogateway.fault.GatewayException;
import org.osogateway.registry.Agreement;
import org.osogateway.registry.Board;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.Mandate;
import org.osogateway.registry.RegistrySource;
import org.osogateway.registry.School;
import org.osogateway.registry.Supplier;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OSR as a {@link RegistrySource} for {@link org.osogateway.registry.RoutingRules}, with the answers cached
 * (see {@link CachedLookup}). The OSR knows no boards, agreements, school names, branch lists or suppliers: this
 * source says so ({@link #listsSchools()}, {@link #knowsAgreements()} and {@link #knowsSuppliers()} are false),
 * and the rules then know a school by its mandates and endpoints, assume the agreement, and count a supplier as
 * registered by its mandates. A school's mandates are asked once per school and date (all suppliers, all
 * versions); endpoints per school, service version and date. Something that is not a BRIN is not asked about.
 */
public final class CachingOsrRegistry implements RegistrySource, AutoCloseable {
    private record EndpointsKey(String schoolOin, String serviceVersion, LocalDate date) {
    }

    private record RoutingIdKey(String routingId, String serviceVersion, LocalDate date) {
    }

    private record MandatesKey(String schoolOin, LocalDate date) {
    }

    /** How old the latest OSR outcome may be before readiness probes the OSR (a quiet gateway asks nothing). */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(10);
    /** The school the readiness probe asks the mandates of: BRIN 00AA, which no school has; any answer will do. */
    static final String PROBE_SCHOOL_OIN = SchoolOin.of("00AA");

    private final ExecutorService executor;
    private final OsrReachability reachability;
    private final CachedLookup<EndpointsKey, Endpoint> endpoints;
    private final CachedLookup<RoutingIdKey, Endpoint> byRoutingId;
    private final CachedLookup<MandatesKey, Mandate> mandates;

    /** A source over the client, with the system ticker. */
    public CachingOsrRegistry(OsrClient client, OsrCacheSettings settings) {
        this(client, settings, Ticker.systemTicker());
    }

    /** A source over the client; the ticker drives the cache's TTLs (tests pass a controllable one). */
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
        this.reachability = new OsrReachability(() -> {
            gate.check(); // while the OSR asked to wait it is not asked, and not ready
            try {
                client.mandates(null, PROBE_SCHOOL_OIN, null, LocalDate.now());
            } catch (OsrUnavailableException e) {
                gate.failed(e);
                throw e;
            }
        }, pool, ticker, PROBE_INTERVAL);
        this.endpoints = new CachedLookup<>("endpoints", k -> client.endpointsOfSchool(k.schoolOin(), k.serviceVersion(),
                k.date()), settings, ticker, pool, gate, reachability);
        this.byRoutingId = new CachedLookup<>("routing_id", k -> client.endpointsByRoutingId(k.routingId(),
                k.serviceVersion(), k.date()), settings, ticker, pool, gate, reachability);
        this.mandates = new CachedLookup<>("mandates", k -> client.mandates(null, k.schoolOin(), null, k.date()),
                settings, ticker, pool, gate, reachability);
    }

    @Override
    public String name() {
        return "the OSR";
    }

    @Override
    public boolean listsSchools() {
        return false;
    }

    @Override
    public Optional<School> school(String brin) {
        return Optional.empty();
    }

    @Override
    public Optional<Board> board(String id) {
        return Optional.empty();
    }

    @Override
    public boolean knowsAgreements() {
        return false;
    }

    @Override
    public List<Agreement> agreements(String boardId) {
        return List.of();
    }

    @Override
    public List<Mandate> mandates(String brin, LocalDate date) {
        return SchoolOin.isBrin(brin) ? mandates.get(new MandatesKey(SchoolOin.of(brin), date)) : List.of();
    }

    @Override
    public List<Endpoint> endpoints(String brin, String serviceVersion, LocalDate date) {
        return SchoolOin.isBrin(brin) ? endpoints.get(new EndpointsKey(SchoolOin.of(brin), serviceVersion, date)) : List.of();
    }

    /** Best effort, for a hint only: empty when the OSR cannot answer. */
    @Override
    public Optional<Endpoint> endpoint(String routeringskenmerk, String serviceVersion, LocalDate date) {
        try {
            return byRoutingId.get(new RoutingIdKey(routeringskenmerk, serviceVersion, date)).stream().findFirst();
        } catch (GatewayException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean knowsSuppliers() {
        return false;
    }

    @Override
    public Optional<Supplier> supplier(String oin) {
        return Optional.empty();
    }

    /** Whether the OSR answers, from its latest outcome (see {@link OsrReachability}); for readiness. */
    public OsrReachability reachability() {
        return reachability;
    }

    /** Counts each lookup's cache hits and misses as {@code oso_registry_cache_requests_total{lookup,result}}. */
    public void bindMetrics(MeterRegistry registry) {
        for (CachedLookup<?, ?> lookup : List.of(endpoints, byRoutingId, mandates)) {
            FunctionCounter.builder("oso.registry.cache.requests", lookup, CachedLookup::hits)
                    .description("routing registry lookups answered from the OSR cache (hit) or asked of the OSR (miss)")
                    .tags("lookup", lookup.name(), "result", "hit").register(registry);
            FunctionCounter.builder("oso.registry.cache.requests", lookup, CachedLookup::misses)
                    .description("routing registry lookups answered from the OSR cache (hit) or asked of the OSR (miss)")
                    .tags("lookup", lookup.name(), "result", "miss").register(registry);
        }
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
}
