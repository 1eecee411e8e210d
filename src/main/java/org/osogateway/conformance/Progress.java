package org.osogateway.conformance;

/** Told before each case starts, so a long run shows where it is. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (number, total, name) -> { };

    /** Case {@code number} (1-based) of {@code total}, named {@code name}, starts now. */
    void starting(int number, int total, String name);
}
