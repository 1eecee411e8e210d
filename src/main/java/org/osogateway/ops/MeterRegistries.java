package org.osogateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.spi.Registry;

/**
 * The gateway's meter registry while the beans are wired, so that meters can be built once, up front: the one
 * Camel's Prometheus support has set up by then (served at /observe/metrics), else one bound as {@value #BEAN},
 * which Camel takes when it sets up later.
 */
public final class MeterRegistries {
    /** The bean name under which Camel's micrometer-prometheus looks for a registry before it makes its own. */
    public static final String BEAN = "metricsRegistry";

    private MeterRegistries() {
    }

    /** Camel's registry; without one, Prometheus when metrics are on, else a registry whose meters count nothing. */
    public static MeterRegistry of(Registry beans, boolean metricsEnabled) {
        MeterRegistry camel = beans.lookupByNameAndType(BEAN, MeterRegistry.class);
        if (camel != null) {
            return camel;
        }
        if (!metricsEnabled) {
            return new CompositeMeterRegistry();
        }
        MeterRegistry made = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        beans.bind(BEAN, made);
        return made;
    }
}
