package org.osogateway.mock;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A scripted receiver: rules tried in order for each call, the first that takes the call answers it; a call no
 * rule takes is answered RECEIVED. A rule with {@code failFirst} stops taking calls once it answered that many.
 */
public final class MockLasScenario {

    private final String source;
    private final List<ScenarioRule> rules;
    private final MockLasHttps https;
    private final Duration hangMax;
    private final int hangMaxCalls;
    // how many calls each failFirst rule has answered; the rules themselves stay immutable
    private final AtomicIntegerArray used;

    /**
     * @param source       where it came from, for messages (e.g. the file name)
     * @param rules        in the order they are tried
     * @param https        https settings from the scenario, or null
     * @param hangMax      how long a hanging call is held at most
     * @param hangMaxCalls how many calls may hang at once
     */
    public MockLasScenario(String source, List<ScenarioRule> rules, MockLasHttps https, Duration hangMax, int hangMaxCalls) {
        this.source = Objects.requireNonNull(source, "source");
        this.rules = List.copyOf(rules);
        this.https = https;
        this.hangMax = Objects.requireNonNull(hangMax, "hangMax");
        this.hangMaxCalls = hangMaxCalls;
        this.used = new AtomicIntegerArray(this.rules.size());
    }

    /** The answer for a call to this receiving BRIN; uses up one count of a failFirst rule that answers it. */
    MockLasReply replyFor(String receiverBrin) {
        for (int i = 0; i < rules.size(); i++) {
            ScenarioRule rule = rules.get(i);
            if (!rule.takes(receiverBrin)) {
                continue;
            }
            if (rule.failFirst() == 0) {
                return rule.reply();
            }
            int limit = rule.failFirst();
            if (used.getAndUpdate(i, n -> n < limit ? n + 1 : n) < limit) {
                return rule.reply();
            }
        }
        return MockLasReply.RECEIVED;
    }

    /** Starts the failFirst counts from zero again. */
    void restart() {
        for (int i = 0; i < used.length(); i++) {
            used.set(i, 0);
        }
    }

    public String source() {
        return source;
    }

    public List<ScenarioRule> rules() {
        return rules;
    }

    /** The https settings the scenario file gives, or null. */
    public MockLasHttps https() {
        return https;
    }

    public Duration hangMax() {
        return hangMax;
    }

    public int hangMaxCalls() {
        return hangMaxCalls;
    }
}
