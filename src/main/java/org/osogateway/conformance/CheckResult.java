package org.osogateway.conformance;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one named conformance case.
 *
 * @param name    a stable case name, e.g. {@code receive-demo-dossier}
 * @param passed  whether the vendor's system behaved as the contract asks
 * @param skipped the case could not run (e.g. it needs an option that was not given); neither passed nor failed
 * @param reason  what was seen, in one sentence (also when it passed), or why it was skipped
 * @param elapsed how long the case took
 */
public record CheckResult(String name, boolean passed, boolean skipped, String reason, Duration elapsed) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
        if (passed && skipped) {
            throw new IllegalArgumentException("a case that passed was not skipped: " + name);
        }
    }

    /** A case that ran: passed or failed. */
    public CheckResult(String name, boolean passed, String reason, Duration elapsed) {
        this(name, passed, false, reason, elapsed);
    }

    public static CheckResult pass(String name, String reason, Duration elapsed) {
        return new CheckResult(name, true, reason, elapsed);
    }

    public static CheckResult fail(String name, String reason, Duration elapsed) {
        return new CheckResult(name, false, reason, elapsed);
    }

    public static CheckResult skip(String name, String reason, Duration elapsed) {
        return new CheckResult(name, false, true, reason, elapsed);
    }

    /** Ran and did not pass. */
    public boolean failed() {
        return !passed && !skipped;
    }

    /** PASS, FAIL or SKIP, as the report lines show it. */
    public String label() {
        return passed ? "PASS" : skipped ? "SKIP" : "FAIL";
    }
}
