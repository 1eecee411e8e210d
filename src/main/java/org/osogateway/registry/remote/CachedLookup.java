package org.osogateway.registry.remote;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One kind of OSR lookup behind a cache: single flight per key (concurrent callers share one OSR request),
 * {@code ttl} for answers with entries, {@code negativeTtl} for empty ones, and the last non-empty answer kept
 * for {@code staleIfError} to be served when the OSR fails; otherwise TEMPORARILY_UNAVAILABLE. A stale answer,
 * once served, is held for {@code negativeTtl}: the next reads (the rules read a school's mandates more than once
 * per question) do not ask a failing OSR again at once.
 */
final class CachedLookup<K, V> {
    private final String name;
    private final AsyncLoadingCache<K, List<V>> cache;
    private final Cache<K, List<V>> lastGood;
    private final Cache<K, List<V>> servingStale;
    private final OsrCacheSettings settings;

    /** {@code reachability} is told the outcome of every OSR request the cache makes. */
    CachedLookup(String name, Function<K, List<V>> osr, OsrCacheSettings settings, Ticker ticker, Executor executor,
                 OsrRateGate gate, OsrReachability reachability) {
        this.name = name;
        this.settings = settings;
        this.lastGood = Caffeine.newBuilder().ticker(ticker).maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.staleIfError()).build();
        this.servingStale = Caffeine.newBuilder().ticker(ticker).maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.negativeTtl()).build();
        this.cache = Caffeine.newBuilder().ticker(ticker).executor(executor).maximumSize(settings.maxEntries())
                .recordStats() // hits and misses for the metrics (oso_registry_cache_requests_total)
                .expireAfter(Expiry.<K, List<V>>creating((k, v) -> v.isEmpty() ? settings.negativeTtl() : settings.ttl()))
                .buildAsync(key -> {
                    gate.check();
                    try {
                        List<V> answer = osr.apply(key);
                        reachability.answered();
                        if (!answer.isEmpty() && !settings.staleIfError().isZero()) {
                            lastGood.put(key, answer);
                        }
                        return answer;
                    } catch (OsrUnavailableException e) {
                        reachability.failed();
                        gate.failed(e);
                        throw e;
                    }
                });
    }

    /** The answer for the key: cached, fresh from the OSR, or stale when the OSR fails. */
    List<V> get(K key) {
        List<V> held = servingStale.getIfPresent(key);
        if (held != null) {
            return held;
        }
        Throwable failure;
        try {
            return cache.get(key).get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            failure = e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            failure = new OsrUnavailableException("no OSR answer within " + settings.maxWait().toMillis() + " ms", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (!(failure instanceof OsrUnavailableException) && !(failure instanceof InterruptedException)) {
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(failure);
        }
        List<V> stale = lastGood.getIfPresent(key);
        if (stale != null) {
            servingStale.put(key, stale);
            return stale;
        }
        throw new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                "registry unreachable: the OSR could not answer the " + name + " lookup (" + failure.getMessage() + ")",
                failure);
    }

    /** The lookup's name, e.g. {@code mandates}. */
    String name() {
        return name;
    }

    /** Lookups answered from the cache (an answer still valid, or one being loaded for another caller). */
    long hits() {
        return cache.synchronous().stats().hitCount();
    }

    /** Lookups that had to ask the OSR. */
    long misses() {
        return cache.synchronous().stats().missCount();
    }

    /** Forgets every cached and stale answer. */
    void invalidateAll() {
        cache.synchronous().invalidateAll();
        lastGood.invalidateAll();
        servingStale.invalidateAll();
    }
}
