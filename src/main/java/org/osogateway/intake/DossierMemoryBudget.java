package org.osogateway.intake;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.cxf.message.Message;
import org.osogateway.soap.RequestIntakeInterceptor;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * Bounds the dossier bytes the gateway handles at once, so that large dossiers side by side cannot
 * exhaust the heap. A DeliverDossier request takes its Content-Length (without one: the request size
 * limit) for the costly part of its intake (parse, canonical form, XSD, business rules, store); one that
 * cannot get it within the wait is refused with TEMPORARILY_UNAVAILABLE (soap:Server: nothing was
 * accepted, send it again later). Waiting is in arrival order, so a large dossier is not starved by a
 * stream of small ones. A delivery attempt takes its dossier's size before the dossier is loaded, or is
 * left for the next poll of due jobs.
 */
public final class DossierMemoryBudget {
    /** Exchange property (Camel) and key in the CXF exchange: the share of the budget a request holds. */
    public static final String HELD = "osoIntakeBudgetBytes";

    private final long budgetBytes;
    private final long maxRequestBytes;
    private final Duration wait;
    private final Semaphore kib;

    /**
     * @param budgetBytes     request bytes handled at once; at least {@code maxRequestBytes}, so that every
     *                        request the size limit lets in can be handled
     * @param maxRequestBytes the request size limit, the weight of a request without Content-Length
     * @param wait            how long a request may wait for its share
     */
    public DossierMemoryBudget(long budgetBytes, long maxRequestBytes, Duration wait) {
        if (budgetBytes < maxRequestBytes) {
            throw new IllegalArgumentException("gateway.limits.memory-budget (" + budgetBytes
                    + " bytes) must be at least gateway.limits.max-request-bytes (" + maxRequestBytes + ")");
        }
        if (budgetBytes / 1024 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gateway.limits.memory-budget is over 2 TiB");
        }
        this.budgetBytes = budgetBytes;
        this.maxRequestBytes = maxRequestBytes;
        this.wait = wait;
        this.kib = new Semaphore((int) (budgetBytes / 1024), true);
    }

    /**
     * The budget when none is configured: a twelfth of the maximum heap (a dossier costs several times
     * its size while it is handled; bench/memory checks 20 MiB ones at 256 MiB), but never less than one
     * request of the maximum size.
     */
    public static long defaultBudget(long maxHeapBytes, long maxRequestBytes) {
        return Math.max(maxRequestBytes, maxHeapBytes / 12);
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Takes {@code bytes} for a request whose body is about to be read, waiting for them in arrival order.
     *
     * @throws GatewayException TEMPORARILY_UNAVAILABLE when they do not come free within the wait
     */
    public Share reserve(long bytes) throws InterruptedException {
        int units = units(Math.min(maxRequestBytes, bytes));
        if (!kib.tryAcquire(units, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE, "The memory budget for dossiers ("
                    + budgetBytes + " bytes) stayed taken by other dossiers for " + wait.toMillis() + " ms");
        }
        return new Share(units);
    }

    /**
     * Holds this DeliverDossier request's share for its exchange, given back when the exchange completes
     * however it ends (or at {@link #release}): the share reserved before its body was read (in the CXF
     * exchange), else one taken now by its Content-Length.
     *
     * @throws GatewayException TEMPORARILY_UNAVAILABLE when the share is not free within the wait
     */
    public void acquire(Exchange exchange) throws InterruptedException {
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        Share share = cxf == null || cxf.getExchange() == null ? null : (Share) cxf.getExchange().get(HELD);
        long declared = RequestIntakeInterceptor.declaredLength(cxf);
        holdUntilDone(exchange, share != null ? share : reserve(declared < 0 ? maxRequestBytes : declared));
    }

    /**
     * Takes {@code bytes}, waiting for them as a request does, given back when the exchange completes;
     * false when they did not come free within the wait (a delivery then stays due for a later poll).
     */
    public boolean tryAcquire(Exchange exchange, long bytes) throws InterruptedException {
        int units = units(bytes);
        if (!kib.tryAcquire(units, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        holdUntilDone(exchange, new Share(units));
        return true;
    }

    private int units(long bytes) {
        return (int) Math.min(budgetBytes / 1024, (Math.max(1, bytes) + 1023) / 1024);
    }

    private void holdUntilDone(Exchange exchange, Share share) {
        exchange.setProperty(HELD, share);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                share.giveBack();
            }
        });
    }

    /**
     * Gives this exchange's share back now, e.g. once the dossier is stored: the exchange goes on (to the
     * delivery queue, whose copy inherits its completions) without needing it.
     */
    public void release(Exchange exchange) {
        Share share = exchange.getProperty(HELD, Share.class);
        if (share != null) {
            exchange.removeProperty(HELD);
            share.giveBack();
        }
    }

    /** What one request or delivery holds; given back once, whichever way comes first. */
    public final class Share {
        private final int units;
        private final AtomicBoolean given = new AtomicBoolean();

        private Share(int units) {
            this.units = units;
        }

        public void giveBack() {
            if (given.compareAndSet(false, true)) {
                kib.release(units);
            }
        }
    }

    /** Bytes of the budget free now. */
    public long availableBytes() {
        return kib.availablePermits() * 1024L;
    }
}
