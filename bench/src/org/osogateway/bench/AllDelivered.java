package org.osogateway.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.osogateway.bench.GatewayCalls.Arrival;
import org.osogateway.bench.GatewayCalls.Status;

/**
 * The kill tests' wait for the end state: every accepted messageId at the mock LAS and DELIVERED in the gateway;
 * then, after a pause that lets a late second copy arrive, the mock's arrivals once more.
 */
final class AllDelivered {

    /** The statuses of some messageIds (over SOAP, or straight from a shared store). */
    interface StatusSource {
        Map<String, Status> of(List<String> ids) throws Exception;
    }

    /**
     * What the wait ended with: the arrivals and statuses for the verdict and when all were DELIVERED
     * ({@link System#nanoTime}), or why it gave up (then non-null).
     */
    record Outcome(Map<String, List<Arrival>> arrivals, Map<String, Status> statuses, long deliveredAtNanos,
                   String failure) {
    }

    private AllDelivered() {
    }

    /** Polls once a second, asking {@code source} only of arrived messageIds not yet DELIVERED, for at most timeoutS. */
    static Outcome await(GatewayCalls calls, String mockUrl, Set<String> accepted, StatusSource source, int timeoutS)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        Set<String> settled = new HashSet<>();
        Map<String, Status> statuses = new ConcurrentHashMap<>();
        while (settled.size() < accepted.size()) {
            Map<String, List<Arrival>> arrivals = calls.mockArrivals(mockUrl);
            List<String> waiting = new ArrayList<>();
            for (String id : accepted) {
                if (!settled.contains(id) && arrivals.containsKey(id)) {
                    waiting.add(id);
                }
            }
            statuses.putAll(source.of(waiting));
            for (String id : waiting) {
                Status st = statuses.get(id);
                if (st != null && "DELIVERED".equals(st.state())) {
                    settled.add(id);
                }
            }
            if (settled.size() == accepted.size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = accepted.stream().filter(id -> !settled.contains(id)).sorted().toList();
                return new Outcome(arrivals, statuses, 0, missing.size() + " accepted dossiers not delivered within "
                        + timeoutS + " s (not at the mock LAS, or not DELIVERED in the gateway), e.g. "
                        + someStatuses(source, missing.subList(0, Math.min(5, missing.size()))));
            }
            Thread.sleep(1000);
        }
        long deliveredAt = System.nanoTime();
        // A late second arrival would come from a worker still holding the job: look once more after a pause.
        Thread.sleep(2000);
        return new Outcome(calls.mockArrivals(mockUrl), statuses, deliveredAt, null);
    }

    /** The statuses of a few missing messageIds, or why the gateway could not give them (e.g. UNKNOWN_MESSAGE). */
    private static String someStatuses(StatusSource source, List<String> ids) {
        try {
            return new TreeMap<>(source.of(ids)).toString();
        } catch (Exception e) {
            return ids + ", whose statuses the gateway did not give: " + e.getMessage();
        }
    }
}
