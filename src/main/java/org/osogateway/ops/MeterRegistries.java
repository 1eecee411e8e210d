package org.osogateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's meter registry, made while the beans are wired so that meters can be built once, up front. Bound
 * as {@value #BEAN}, Camel's Prometheus support takes this one and serves it at /observe/metrics.
 */
public final class MeterRegistries {
    /** The bean name under which Camel's micrometer-prometheus looks for a registry before it makes its own. */
    public static final String BEAN = "metricsRegistry";

    private MeterRegistries() {
    }

    /** Prometheus when metrics are on; otherwise a registry without backends, whose meters count nothing. */
    public static MeterRegistry create(boolean metricsEnabled) {
        return metricsEnabled ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : new CompositeMeterRegistry();
    }
}
