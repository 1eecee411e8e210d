package org.osogateway.status;

import java.time.Duration;
import java.util.function.Function;

/** The gateway.status.* settings of the status page. */
record StatusSettings(boolean enabled, int refreshSeconds, int chartMinutes, int receivers, int deadLetters,
                      Duration sessionIdleTimeout, Duration sessionMaxAge, int maxSessions) {
    static final String PREFIX = "gateway.status.";

    /** Reads the settings; a missing one takes its default, a malformed one throws naming the setting. */
    static StatusSettings from(Function<String, String> props) {
        return new StatusSettings(Boolean.parseBoolean(value(props, "enabled", "true")),
                positive(props, "refresh-seconds", "10"),
                positive(props, "chart-hours", "3") * 60,
                positive(props, "receivers", "10"),
                positive(props, "dead-letter-rows", "50"),
                duration(props, "session-idle-timeout", "PT30M"),
                duration(props, "session-max-age", "PT8H"),
                positive(props, "max-sessions", "100"));
    }

    private static String value(Function<String, String> props, String key, String fallback) {
        String v = props.apply(PREFIX + key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int positive(Function<String, String> props, String key, String fallback) {
        String v = value(props, key, fallback);
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PREFIX + key + " must be a positive whole number, not '" + v + "'");
    }

    private static Duration duration(Function<String, String> props, String key, String fallback) {
        String v = value(props, key, fallback);
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(PREFIX + key + " must be a positive ISO-8601 duration (e.g. PT30M), not '"
                + v + "'");
    }
}
