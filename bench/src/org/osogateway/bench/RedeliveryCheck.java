package org.osogateway.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osogateway.bench.GatewayCalls.Arrival;
import org.osogateway.bench.GatewayCalls.Status;

/**
 * The kill tests' verdict on what reached the mock LAS. Every accepted dossier must have arrived with the hash the
 * gateway answered. A messageId may arrive more than once only when, for each later copy, a SIGKILL came between
 * {@code cutBeforeMs} before and {@code cutAfterMs} after the mock received the copy before it (and before the
 * later copy): the kill cut that attempt before its outcome was on disk. The audit must agree: a later copy with a
 * higher attempt number needs an attempt without a recorded outcome, and the gateway's last attempt must be the
 * mock's last. A later copy with the same attempt number means a claim never reached the disk; it is counted, and
 * is a problem when {@code strictAudit}.
 */
final class RedeliveryCheck {

    private final List<Instant> kills;
    private final long cutBeforeMs;
    private final long cutAfterMs;
    private final boolean strictAudit;
    private final int workers;

    final List<String> problems = new ArrayList<>();
    int delivered;
    int redelivered;
    int redeliveredIds;
    /** Later copies with the same attempt number. */
    int claimLost;
    /** Attempts without a recorded outcome that never reached the mock. */
    int cutNotReceived;
    /** Per kill, the re-deliveries it explains. */
    final int[] perKill;

    /** {@code workers}: attempts one kill can cut at most (one delivery worker holds one attempt). */
    RedeliveryCheck(List<Instant> kills, long cutBeforeMs, long cutAfterMs, boolean strictAudit, int workers) {
        this.kills = List.copyOf(kills);
        this.cutBeforeMs = cutBeforeMs;
        this.cutAfterMs = cutAfterMs;
        this.strictAudit = strictAudit;
        this.workers = workers;
        this.perKill = new int[kills.size()];
    }

    /** {@code accepted}: messageId to the dossierSha256 the gateway answered; statuses of every accepted id. */
    RedeliveryCheck check(Map<String, String> accepted, Map<String, List<Arrival>> arrivals, Map<String, Status> statuses) {
        for (String id : arrivals.keySet()) {
            if (!accepted.containsKey(id)) {
                problems.add("the mock LAS received " + id + ", which no sender had accepted");
            }
        }
        for (Map.Entry<String, String> e : accepted.entrySet()) {
            checkOne(e.getKey(), e.getValue(), arrivals.getOrDefault(e.getKey(), List.of()), statuses.get(e.getKey()));
        }
        for (int i = 0; i < perKill.length; i++) {
            if (perKill[i] > workers) {
                problems.add("kill " + (i + 1) + " explains " + perKill[i] + " re-deliveries, more than the "
                        + workers + " delivery workers that can have an attempt in flight");
            }
        }
        return this;
    }

    private void checkOne(String id, String sha, List<Arrival> unsorted, Status st) {
        List<Arrival> got = unsorted.stream().sorted(Comparator.comparing(Arrival::at)).toList();
        if (got.isEmpty()) {
            problems.add(id + ": accepted but never reached the mock LAS");
            return;
        }
        delivered++;
        for (Arrival a : got) {
            if (!a.sha().equals(sha)) {
                problems.add(id + ": attempt " + a.attempt() + " carried dossierSha256 " + a.sha()
                        + ", the gateway had accepted " + sha);
            }
        }
        int cut = st.attempts() - st.recordedAttempts();
        int distinctAttempts = (int) got.stream().mapToInt(Arrival::attempt).distinct().count();
        int last = got.get(got.size() - 1).attempt();
        if (last != st.attempts()) {
            problems.add(id + ": the gateway's last attempt is " + st.attempts() + ", the mock's last is " + last + " " + got);
        }
        if (distinctAttempts - 1 > cut) {
            problems.add(id + ": " + distinctAttempts + " attempts reached the mock but the gateway recorded "
                    + st.recordedAttempts() + " outcomes of " + st.attempts() + " attempts (" + cut + " cut) " + got);
        }
        cutNotReceived += Math.max(0, cut - (distinctAttempts - 1));
        if (got.size() == 1) {
            return;
        }
        redelivered += got.size() - 1;
        redeliveredIds++;
        for (int i = 1; i < got.size(); i++) {
            Arrival earlier = got.get(i - 1);
            Arrival later = got.get(i);
            int k = cutBy(earlier.at(), later.at());
            if (k < 0) {
                problems.add(id + ": attempt " + earlier.attempt() + " reached the mock at " + earlier.at()
                        + " and again as attempt " + later.attempt() + " at " + later.at() + ", with no kill from "
                        + cutBeforeMs + " ms before to " + cutAfterMs + " ms after the first");
                continue;
            }
            perKill[k]++;
            if (later.attempt() < earlier.attempt()) {
                problems.add(id + ": attempt " + later.attempt() + " reached the mock after attempt "
                        + earlier.attempt() + " " + got);
            } else if (later.attempt() == earlier.attempt()) {
                claimLost++;
                if (strictAudit) {
                    problems.add(id + ": attempt " + earlier.attempt() + " reached the mock twice; the claim of"
                            + " the first, cut by kill " + (k + 1) + ", is not in the audit " + got);
                }
            }
        }
    }

    /** The index of the kill that can have cut an attempt that reached the mock at {@code at}, before {@code next}; -1 if none. */
    private int cutBy(Instant at, Instant next) {
        for (int i = 0; i < kills.size(); i++) {
            Instant k = kills.get(i);
            if (!k.isBefore(at.minusMillis(cutBeforeMs)) && !k.isAfter(at.plusMillis(cutAfterMs)) && k.isBefore(next)) {
                return i;
            }
        }
        return -1;
    }
}
