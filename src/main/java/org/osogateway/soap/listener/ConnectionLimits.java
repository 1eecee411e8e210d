package org.osogateway.soap.listener;

import java.time.Duration;
import java.util.function.Function;

/**
 * What the SOAP port allows a client ({@code gateway.soap.header-timeout|body-timeout|idle-timeout|max-connections|
 * max-concurrent-requests|request-queue-size|max-buffered-bytes}, {@code gateway.limits.max-request-bytes}), so that
 * slow or greedy clients cannot take the port from the others, and the worker threads that process the requests.
 */
public record ConnectionLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections,
                               int maxConcurrentRequests, int requestQueueSize, long maxBufferedBytes,
                               long maxRequestBytes, int workerThreads) {
    static final String PREFIX = "gateway.soap.";

    public ConnectionLimits {
        positive(headerTimeout, "header-timeout");
        positive(bodyTimeout, "body-timeout");
        positive(idleTimeout, "idle-timeout");
        atLeast(maxConnections, 1, "max-connections");
        atLeast(maxConcurrentRequests, 1, "max-concurrent-requests");
        atLeast(requestQueueSize, 0, "request-queue-size");
        atLeast(workerThreads, 1, "worker-threads");
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("gateway.limits.max-request-bytes must be at least 1, not " + maxRequestBytes);
        }
        if (maxBufferedBytes < maxRequestBytes + 1) {
            // else the largest request the gateway accepts could never be read
            throw new IllegalArgumentException(PREFIX + "max-buffered-bytes (" + maxBufferedBytes
                    + ") must be larger than gateway.limits.max-request-bytes (" + maxRequestBytes + ")");
        }
    }

    /**
     * Reads the settings ({@code lookup} answers null for a key that is not set); the defaults are the product's.
     * Requests processed at once default to the worker threads: one more would only wait for a thread, in the queue.
     */
    public static ConnectionLimits from(Function<String, String> lookup, int workerThreads) {
        return new ConnectionLimits(
                duration(lookup, "header-timeout", "PT10S"),
                duration(lookup, "body-timeout", "PT60S"),
                duration(lookup, "idle-timeout", "PT60S"),
                (int) number(lookup, PREFIX + "max-connections", "512"),
                (int) number(lookup, PREFIX + "max-concurrent-requests", Integer.toString(workerThreads)),
                (int) number(lookup, PREFIX + "request-queue-size", "256"),
                number(lookup, PREFIX + "max-buffered-bytes", "67108864"),
                number(lookup, "gateway.limits.max-request-bytes", "20971520"),
                workerThreads);
    }

    private static Duration duration(Function<String, String> lookup, String name, String fallback) {
        String value = orDefault(lookup.apply(PREFIX + name), fallback);
        try {
            return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be an ISO-8601 duration such as " + fallback
                    + " (or whole seconds), not '" + value + "'");
        }
    }

    private static long number(Function<String, String> lookup, String key, String fallback) {
        String value = orDefault(lookup.apply(key), fallback);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + name + " must be above zero and below 24 days, not " + d);
        }
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(PREFIX + name + " must be at least " + min + ", not " + value);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
