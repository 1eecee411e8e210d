package org.osogateway.mock;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a {@link MockLasScenario}: which calls it takes and what they are answered.
 *
 * @param brins     receiving school BRINs it applies to; empty means every call
 * @param failFirst it applies only to the first this many calls it matches (0 = no limit), counted over all messageIds
 * @param hang      hold the call without an answer
 * @param failure   the failure to answer, or null for RECEIVED (ignored when hanging)
 * @param delay     wait this long before answering
 */
public record ScenarioRule(Set<String> brins, int failFirst, boolean hang, FailureMode failure, Duration delay) {

    public ScenarioRule {
        brins = Set.copyOf(brins);
        Objects.requireNonNull(delay, "delay");
        if (failFirst < 0 || delay.isNegative()) {
            throw new IllegalArgumentException("failFirst and delay must not be negative");
        }
    }

    /** Whether this rule is about a call to this receiving BRIN (null when the request had none). */
    boolean takes(String receiverBrin) {
        return brins.isEmpty() || (receiverBrin != null && brins.contains(receiverBrin));
    }

    MockLasReply reply() {
        return new MockLasReply(failure, hang, delay);
    }
}
