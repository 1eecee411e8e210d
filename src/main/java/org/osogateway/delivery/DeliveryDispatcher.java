package org.osogateway.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands due jobs to the delivery workers fairly: one queue per receiver endpoint, served round-robin, and a job
 * goes to a worker only with a permit of its endpoint's {@link EndpointGate}. So a slow or hanging receiver holds
 * at most its in-flight share of the workers, a backlog of one receiver cannot starve another, and the jobs of an
 * endpoint whose circuit is open are parked in the store until its probe, without a connection being opened.
 */
public final class DeliveryDispatcher extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

    /** A job with its endpoint's permit, for one worker; {@code dossier} is set when the bytes are still in memory. */
    public record Dispatch(long messagePk, String endpointKey, byte[] dossier, EndpointGate.Permit permit) {
    }

    /** Takes a dispatch to a worker; may block while all workers are busy. */
    public interface Handoff {
        void handOff(Dispatch dispatch) throws Exception;
    }

    /** Parks jobs of an endpoint whose circuit is open until its probe; returns how many were parked. */
    public interface Parking {
        int park(String endpointKey, List<Long> messagePks, Instant until, Instant now) throws Exception;
    }

    private final EndpointGates gates;
    private final Handoff handoff;
    private final Parking parking;
    private final Clock clock;
    private final int maxPendingTotal;
    private final long maxHeldBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, ArrayDeque<Long>> pending = new HashMap<>();
    private final ArrayDeque<String> turn = new ArrayDeque<>();
    private final Set<Long> known = new HashSet<>();
    private final Map<Long, byte[]> held = new HashMap<>();
    private int pendingTotal;
    private long heldBytes;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param maxPendingTotal jobs waiting here at most (more wait in the store for a later poll)
     * @param maxHeldBytes    dossier bytes of just-accepted jobs kept for their first attempt at most
     */
    public DeliveryDispatcher(EndpointGates gates, Handoff handoff, Parking parking, Clock clock, int maxPendingTotal,
                              long maxHeldBytes) {
        this.gates = gates;
        this.handoff = handoff;
        this.parking = parking;
        this.clock = clock;
        this.maxPendingTotal = maxPendingTotal;
        this.maxHeldBytes = maxHeldBytes;
    }

    /**
     * A job accepted just now; its bytes are kept for its first attempt (so they need not be read back from the
     * store) while they fit the allowance of held bytes. When the queues are full it waits for a poll instead.
     */
    public void offerAccepted(long messagePk, String endpointKey, byte[] dossier) {
        offer(messagePk, endpointKey, dossier);
    }

    /** Jobs the poller found due, in its round-robin order. Returns how many were taken. */
    public int offerDue(List<Long> messagePks, List<String> endpointKeys) {
        int taken = 0;
        for (int i = 0; i < messagePks.size(); i++) {
            if (offer(messagePks.get(i), endpointKeys.get(i), null)) {
                taken++;
            }
        }
        return taken;
    }

    boolean offer(long pk, String endpointKey, byte[] dossier) {
        String key = gates.gate(endpointKey).routeringskenmerk();
        lock.lock();
        try {
            if (known.contains(pk)) {
                return false;
            }
            ArrayDeque<Long> queue = pending.get(key);
            int queued = queue == null ? 0 : queue.size();
            if (pendingTotal >= maxPendingTotal || queued >= gates.limits().maxPending()) {
                return false;
            }
            if (queue == null) {
                queue = new ArrayDeque<>();
                pending.put(key, queue);
            }
            if (queue.isEmpty()) {
                turn.add(key);
            }
            queue.add(pk);
            known.add(pk);
            pendingTotal++;
            if (dossier != null && heldBytes + dossier.length <= maxHeldBytes) {
                held.put(pk, dossier);
                heldBytes += dossier.length;
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The worker is done with this job (whatever the outcome): it may be offered again. */
    public void finished(long messagePk) {
        lock.lock();
        try {
            known.remove(messagePk);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Jobs waiting here for their endpoint, per endpoint. */
    public Map<String, Integer> pendingByEndpoint() {
        lock.lock();
        try {
            Map<String, Integer> out = new HashMap<>();
            pending.forEach((k, q) -> out.put(k, q.size()));
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this::loop, "oso-delivery-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!round()) {
                    lock.lock();
                    try {
                        // nothing could go: wait for an offer or a finished attempt, or for a rate or probe to allow it
                        changed.await(pendingTotal == 0 ? 1000 : 20, TimeUnit.MILLISECONDS);
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("delivery dispatcher: {}", e.toString());
            }
        }
    }

    /** One pass over the endpoints with waiting jobs, at most one job each. True when anything moved. */
    boolean round() throws InterruptedException {
        List<Dispatch> go = new ArrayList<>();
        Map<String, List<Long>> toPark = new HashMap<>();
        Map<String, Instant> probes = new HashMap<>();
        lock.lock();
        try {
            for (int n = turn.size(); n > 0; n--) {
                String key = turn.poll();
                ArrayDeque<Long> queue = pending.get(key);
                EndpointGate.Entry entry = gates.gate(key).tryEnter();
                if (entry instanceof EndpointGate.Permit permit) {
                    long pk = queue.poll();
                    pendingTotal--;
                    go.add(new Dispatch(pk, key, takeHeld(pk), permit));
                } else if (entry instanceof EndpointGate.Open open) {
                    List<Long> pks = new ArrayList<>(queue);
                    queue.clear();
                    pendingTotal -= pks.size();
                    pks.forEach(pk -> {
                        takeHeld(pk);
                        known.remove(pk);
                    });
                    toPark.put(key, pks);
                    probes.put(key, open.probeAt());
                }
                if (!queue.isEmpty()) {
                    turn.add(key);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Map.Entry<String, List<Long>> e : toPark.entrySet()) {
            park(e.getKey(), e.getValue(), probes.get(e.getKey()));
        }
        for (Dispatch d : go) {
            handOff(d);
        }
        return !go.isEmpty() || !toPark.isEmpty();
    }

    private byte[] takeHeld(Long pk) {
        byte[] bytes = pk == null ? null : held.remove(pk);
        if (bytes != null) {
            heldBytes -= bytes.length;
        }
        return bytes;
    }

    private void park(String key, List<Long> pks, Instant probeAt) {
        try {
            int parked = parking.park(key, pks, probeAt, clock.instant());
            LOG.info("endpoint {}: circuit open, {} job(s) parked until the probe at {}", key, parked, probeAt);
        } catch (Exception e) {
            // they stay due in the store: the next poll offers them again
            LOG.warn("endpoint {}: could not park {} job(s): {}", key, pks.size(), e.toString());
        }
    }

    private void handOff(Dispatch d) throws InterruptedException {
        try {
            handoff.handOff(d);
        } catch (InterruptedException e) {
            d.permit().release();
            finished(d.messagePk());
            throw e;
        } catch (Exception e) {
            LOG.warn("message {}: not handed to a worker: {}", d.messagePk(), e.toString());
            d.permit().release();
            finished(d.messagePk());
        }
    }
}
