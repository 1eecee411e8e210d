package org.osogateway.conformance;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one named conformance case.
 *
 * @param name    a stable case name, e.g. {@code receive-demo-dossier}
 * @param passed  whether the vendor's system behaved as the contract asks
 * @param reason  what was seen, in one sentence (also when it passed)
 * @param elapsed how long the case took
 */
public record CheckResult(String name, boolean passed, String reason, Duration elapsed) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public static CheckResult pass(String name, String reason, Duration elapsed) {
        return new CheckResult(name, true, reason, elapsed);
    }

    public static CheckResult fail(String name, String reason, Duration elapsed) {
        return new CheckResult(name, false, reason, elapsed);
    }
}
