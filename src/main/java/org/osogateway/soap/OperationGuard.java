package org.osogateway.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * Last step before the gateway's own flow runs: a body that names no operation of this service (empty, a comment
 * or only text) is MALFORMED_REQUEST, not an empty 200. Marks the exchange as {@link #INVOKED}: a failure before
 * that point was CXF refusing the request itself, so the caller's mistake.
 */
public final class OperationGuard extends AbstractPhaseInterceptor<Message> {
    /** Exchange key set once the request reached the gateway's own flow. */
    public static final String INVOKED = "osoInvoked";

    public OperationGuard() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        if (message.getExchange().getBindingOperationInfo() == null) {
            throw new Fault(new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                    "The SOAP body holds no request of this service (DeliverDossier, GetDeliveryStatus or CheckConnection)"));
        }
        message.getExchange().put(INVOKED, Boolean.TRUE);
    }
}
