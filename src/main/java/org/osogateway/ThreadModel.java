package org.osogateway;

import java.util.function.Function;

/**
 * How many threads take requests in and make delivery attempts, sized from the cores by default. Intake work is
 * CPU-bound (parse, validate, hash) apart from the wait for its commit to be on disk: two threads per core keep the
 * cores busy while some wait. A delivery attempt mostly waits for the receiver: four workers per core. More threads
 * than that only compete for the same cores and raise the CPU each dossier costs (measured: bench/README.md).
 */
public record ThreadModel(int cores, int intakeThreads, int deliveryWorkers) {
    /** Intake (SOAP worker) threads per core when {@value #INTAKE_KEY} is not set. */
    static final int INTAKE_PER_CORE = 2;
    /** Delivery workers per core when {@value #DELIVERY_KEY} is not set. */
    static final int DELIVERY_PER_CORE = 4;
    static final String INTAKE_KEY = "gateway.soap.worker-threads";
    static final String DELIVERY_KEY = "gateway.delivery.workers";

    public ThreadModel {
        if (intakeThreads < 1) {
            throw new IllegalArgumentException(INTAKE_KEY + " must be at least 1, not " + intakeThreads);
        }
        if (deliveryWorkers < 1) {
            throw new IllegalArgumentException(DELIVERY_KEY + " must be at least 1, not " + deliveryWorkers);
        }
    }

    /** The configured counts ({@code lookup} answers null or blank for a key not set), else those for the cores. */
    public static ThreadModel from(int cores, Function<String, String> lookup) {
        int c = Math.max(1, cores);
        return new ThreadModel(c, count(lookup, INTAKE_KEY, Math.max(2, INTAKE_PER_CORE * c)),
                count(lookup, DELIVERY_KEY, Math.max(4, DELIVERY_PER_CORE * c)));
    }

    /** For this JVM's cores ({@link Runtime#availableProcessors()}, which follows container CPU limits). */
    public static ThreadModel forThisMachine(Function<String, String> lookup) {
        return from(Runtime.getRuntime().availableProcessors(), lookup);
    }

    private static int count(Function<String, String> lookup, String key, int fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value.trim() + "'");
        }
    }
}
