package org.osogateway.conformance;

import java.time.Instant;
import java.util.List;

/**
 * All cases of one conformance run against one vendor system.
 *
 * @param suite     {@code receiver} or {@code sender}
 * @param target    what was checked: the receiver's URL or the sender's request files
 * @param startedAt when the run began
 * @param results   the cases in the order they ran
 */
public record ConformanceRun(String suite, String target, Instant startedAt, List<CheckResult> results) {

    public ConformanceRun {
        results = List.copyOf(results);
    }

    public long failures() {
        return results.stream().filter(CheckResult::failed).count();
    }

    public long skipped() {
        return results.stream().filter(CheckResult::skipped).count();
    }

    /** True only when there was something to check and every case passed (or was skipped). */
    public boolean allPassed() {
        return !results.isEmpty() && failures() == 0;
    }

    /** One line for the terminal, e.g. {@code receiver http://...: 6 of 8 cases passed, 1 failed, 1 skipped}. */
    public String summary() {
        return suite + " " + target + ": " + (results.size() - failures() - skipped()) + " of " + results.size()
                + " cases passed" + (failures() == 0 ? "" : ", " + failures() + " failed")
                + (skipped() == 0 ? "" : ", " + skipped() + " skipped");
    }
}
