package org.osogateway.ops;

/** One thing readiness depends on (the store, the OSR, the schema catalog): its name and its state now. */
public interface ReadinessCheck {
    /** The key under which /health/ready shows it, e.g. {@code store}. */
    String name();

    /** Its state now; must answer quickly (a check that needs I/O caches or bounds it). */
    Status status();

    /** {@code up}: dossiers can be accepted as far as this check goes; {@code state}: what /health/ready shows. */
    record Status(boolean up, String state) {
        public static final Status UP = new Status(true, "UP");
        public static final Status DOWN = new Status(false, "DOWN");
    }
}
