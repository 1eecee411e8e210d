package org.osogateway.conformance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects the verdicts of a sender run, from files or from requests as they arrive, into one report. */
public final class SenderRun {

    private final SenderChecks checks;
    private final String target;
    private final Instant startedAt;
    private final List<SenderVerdict> verdicts = new ArrayList<>();

    public SenderRun(SenderChecks checks, String target, Clock clock) {
        this.checks = checks;
        this.target = target;
        this.startedAt = clock.instant();
    }

    /** Checks every request in order; {@code progress} hears of each request (not each case) before it starts. */
    public List<SenderVerdict> checkAll(List<SenderRequest> requests, Progress progress) {
        List<SenderVerdict> done = new ArrayList<>();
        for (SenderRequest r : requests) {
            progress.starting(done.size() + 1, requests.size(), r.name());
            done.add(check(r));
        }
        return done;
    }

    public SenderVerdict check(SenderRequest request) {
        return check(request, null);
    }

    /** Checks a request that came over HTTP with this Content-Type (null: a saved file, no HTTP headers to check). */
    public synchronized SenderVerdict check(SenderRequest request, String contentType) {
        SenderVerdict v = checks.check(request.name(), contentType, request.bytes(), request.claimedSha256());
        verdicts.add(v);
        return v;
    }

    public synchronized int checked() {
        return verdicts.size();
    }

    /** Every case of every request checked so far. */
    public synchronized ConformanceRun report() {
        return new ConformanceRun("sender", target, startedAt,
                verdicts.stream().flatMap(v -> v.results().stream()).toList());
    }
}
