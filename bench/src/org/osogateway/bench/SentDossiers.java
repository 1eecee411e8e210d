package org.osogateway.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the kill tests' senders sent and what the gateway answered: the accepted messageIds with their hash, refusals. */
final class SentDossiers {

    private final String idPrefix;
    private final AtomicInteger nextId = new AtomicInteger();
    final Set<String> sentIds = ConcurrentHashMap.newKeySet();
    /** Accepted messageId -> the dossierSha256 the gateway answered. */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    final AtomicInteger acceptedAnswers = new AtomicInteger();
    final AtomicInteger duplicateAnswers = new AtomicInteger();
    final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    /** MessageIds {@code idPrefix-1}, {@code idPrefix-2}, ... */
    SentDossiers(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** A fresh messageId, counted as sent. */
    String nextId() {
        String id = idPrefix + "-" + nextId.incrementAndGet();
        sentIds.add(id);
        return id;
    }

    /** An ACCEPTED or DUPLICATE answer: either means the gateway holds the dossier. */
    void accepted(String id, GatewayCalls.Answer answer) {
        (answer.status().equals("ACCEPTED") ? acceptedAnswers : duplicateAnswers).incrementAndGet();
        accepted.put(id, answer.sha());
    }

    void refused(String id, String where, GatewayCalls.Answer answer) {
        refused.add(id + where + ": " + GatewayCalls.abbreviate(answer.text()));
    }

    /** Waits until at least {@code n} are accepted, or the deadline ({@link System#nanoTime}) has passed. */
    void awaitAccepted(int n, long deadlineNanos) throws InterruptedException {
        while (accepted.size() < n && System.nanoTime() < deadlineNanos) {
            Thread.sleep(20);
        }
    }

    /** The figures of the load so far, for a log line. */
    String summary() {
        return String.format("%d messageIds sent, %d accepted (%d ACCEPTED, %d DUPLICATE answers), %d refused",
                sentIds.size(), accepted.size(), acceptedAnswers.get(), duplicateAnswers.get(), refused.size());
    }

    /** Why the load fell short (a refusal, or fewer than {@code minDossiers} accepted), or null. */
    String shortfall(int minDossiers) {
        if (!refused.isEmpty()) {
            return refused.size() + " dossiers refused by the gateway, e.g. " + refused.get(0);
        }
        if (accepted.size() < minDossiers) {
            return "only " + accepted.size() + " dossiers accepted, fewer than " + minDossiers;
        }
        return null;
    }
}
