package org.osogateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * {@code oso_dossier_validation_seconds{step}}, built once: {@code schema} (the one streaming pass that reads the
 * dossier, makes its canonical form and validates it against its XSD) and {@code business_rules}.
 */
public record ValidationTimers(Timer schema, Timer businessRules) {
    /** Timers that record nothing, for tests and tools without metrics. */
    public static final ValidationTimers NONE = register(new CompositeMeterRegistry());

    public static ValidationTimers register(MeterRegistry registry) {
        return new ValidationTimers(timer(registry, "schema"), timer(registry, "business_rules"));
    }

    private static Timer timer(MeterRegistry registry, String step) {
        return Timer.builder("oso.dossier.validation").description("time to validate a dossier, by step")
                .tag("step", step).register(registry);
    }
}
