package org.osogateway.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.osogateway.intake.DossierMemoryBudget;

/**
 * Takes a request's share of the dossier memory budget before {@link RequestIntakeInterceptor} reads its
 * body into memory, so that bodies read at once count too; the share is given back when the answer or
 * fault goes out (and, for DeliverDossier, already once the dossier is stored).
 */
public final class MemoryBudgetInterceptor extends AbstractPhaseInterceptor<Message> {
    private final DossierMemoryBudget budget;
    private final long maxRequestBytes;

    public MemoryBudgetInterceptor(DossierMemoryBudget budget, long maxRequestBytes) {
        super(Phase.RECEIVE);
        addBefore(RequestIntakeInterceptor.class.getName());
        this.budget = budget;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        if (!"POST".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return; // no body to read; a GET of the WSDL ends its chain without an answer chain to give it back
        }
        long declared = RequestIntakeInterceptor.declaredLength(message);
        if (declared > maxRequestBytes) {
            return; // refused for its size right after, without waiting for memory it will never use
        }
        try {
            message.getExchange().put(DossierMemoryBudget.HELD, budget.reserve(declared < 0 ? maxRequestBytes : declared));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fault(e);
        } catch (RuntimeException e) {
            throw new Fault(e);
        }
    }

    @Override
    public void handleFault(Message message) {
        giveBack(message);
    }

    /** The out and out-fault side: gives the request's share back as its answer goes out. */
    public static AbstractPhaseInterceptor<Message> release() {
        return new AbstractPhaseInterceptor<>(Phase.SETUP) {
            @Override
            public void handleMessage(Message message) {
                giveBack(message);
            }
        };
    }

    /** Gives the request's share back; also for a request refused with a bare HTTP status, which has no answer chain. */
    static void giveBack(Message message) {
        Object share = message.getExchange().remove(DossierMemoryBudget.HELD);
        if (share instanceof DossierMemoryBudget.Share s) {
            s.giveBack();
        }
    }
}
