package org.osogateway.delivery;

import java.time.Duration;
import java.util.function.Function;

/**
 * How much of the delivery capacity one receiver endpoint may take, per instance: attempts in flight, attempts
 * started per second, and when its circuit breaker opens and probes (gateway.delivery.endpoint.*).
 */
public record EndpointLimits(
        int maxInFlight,
        double maxRatePerSecond,
        int maxPending,
        int failureThreshold,
        Duration openWait,
        Duration maxOpenWait) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 4;
    public static final double DEFAULT_MAX_RATE_PER_SECOND = 50;
    public static final int DEFAULT_MAX_PENDING = 500;
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_OPEN_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_OPEN_WAIT = Duration.ofMinutes(10);

    public EndpointLimits {
        require(maxInFlight >= 1, "gateway.delivery.endpoint.max-in-flight must be at least 1");
        require(maxRatePerSecond >= 0 && !Double.isInfinite(maxRatePerSecond),
                "gateway.delivery.endpoint.max-rate-per-second must be 0 (no limit) or a positive number");
        require(maxPending >= 1, "gateway.delivery.endpoint.max-pending must be at least 1");
        require(failureThreshold >= 1, "gateway.delivery.endpoint.circuit.failure-threshold must be at least 1");
        require(openWait != null && !openWait.isNegative() && !openWait.isZero(),
                "gateway.delivery.endpoint.circuit.open-wait must be a positive duration");
        require(maxOpenWait != null && maxOpenWait.compareTo(openWait) >= 0,
                "gateway.delivery.endpoint.circuit.max-open-wait must be at least circuit.open-wait");
    }

    public static EndpointLimits defaults() {
        return new EndpointLimits(DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RATE_PER_SECOND, DEFAULT_MAX_PENDING,
                DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_WAIT, DEFAULT_MAX_OPEN_WAIT);
    }

    /** From gateway.delivery.endpoint.* settings; an absent or empty key keeps its default. */
    public static EndpointLimits fromProperties(Function<String, String> prop) {
        EndpointLimits d = defaults();
        String p = "gateway.delivery.endpoint.";
        return new EndpointLimits(
                integer(prop, p + "max-in-flight", d.maxInFlight()),
                number(prop, p + "max-rate-per-second", d.maxRatePerSecond()),
                integer(prop, p + "max-pending", d.maxPending()),
                integer(prop, p + "circuit.failure-threshold", d.failureThreshold()),
                duration(prop, p + "circuit.open-wait", d.openWait()),
                duration(prop, p + "circuit.max-open-wait", d.maxOpenWait()));
    }

    /** How long the breaker stays open the {@code opens}-th time in a row: doubling from openWait, capped. */
    public Duration openWait(int opens) {
        Duration wait = openWait;
        for (int i = 1; i < opens && wait.compareTo(maxOpenWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxOpenWait) > 0 ? maxOpenWait : wait;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static int integer(Function<String, String> prop, String key, int dflt) {
        return parse(prop, key, dflt, Integer::parseInt, "a whole number");
    }

    private static double number(Function<String, String> prop, String key, double dflt) {
        return parse(prop, key, dflt, Double::parseDouble, "a number");
    }

    private static Duration duration(Function<String, String> prop, String key, Duration dflt) {
        return parse(prop, key, dflt, Duration::parse, "an ISO-8601 duration such as PT30S");
    }

    // an absent or blank key keeps its default; a value that does not parse is named with its key
    private static <T> T parse(Function<String, String> prop, String key, T dflt, Function<String, T> parser,
                               String expected) {
        String v = prop.apply(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return parser.apply(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be " + expected + ", not '" + v.trim() + "'");
        }
    }
}
