package org.osogateway.soap;

import java.sql.SQLException;
import org.osogateway.contract.v1.DeliveryState;
import org.osogateway.contract.v1.Event;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.GetDeliveryStatusResponse;
import org.osogateway.contract.v1.LastError;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.store.DeliveryQueries;

/**
 * Answers GetDeliveryStatus from the store, to the supplier that sent the message only: another sender's message,
 * or one sent by another supplier, is as unknown as a missing one.
 */
public final class DeliveryStatusService {
    private final DeliveryQueries store;

    public DeliveryStatusService(DeliveryQueries store) {
        this.store = store;
    }

    /** The status for {@code caller} (null is taken as a caller without a client certificate). */
    public GetDeliveryStatusResponse status(GetDeliveryStatusRequest request, Caller caller) throws SQLException {
        String callerOin = caller == null ? null : caller.oin();
        // Keyed by (senderBrin, messageId) and the caller's OIN, so a foreign caller simply finds nothing.
        DeliveryStatus s = store.findPkFor(request.getSenderBrin(), request.getMessageId(), callerOin)
                .flatMap(pk -> {
                    try {
                        return store.status(pk);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElseThrow(() -> new GatewayException(GatewayErrorCode.UNKNOWN_MESSAGE,
                        "No message '" + request.getMessageId() + "' from sender " + request.getSenderBrin()));
        GetDeliveryStatusResponse r = new GetDeliveryStatusResponse();
        r.setMessageId(s.messageId());
        r.setState(DeliveryState.fromValue(s.state().name()));
        r.setAttempts(s.attempts());
        r.setNextAttemptAt(SoapPayloads.dateTime(s.nextAttemptAt()));
        if (s.lastErrorCode() != null) {
            LastError e = new LastError();
            e.setCode(s.lastErrorCode());
            e.setMessage(s.lastErrorMessage() == null ? "" : s.lastErrorMessage());
            r.setLastError(e);
        }
        GetDeliveryStatusResponse.Events events = new GetDeliveryStatusResponse.Events();
        for (DeliveryStatus.Event e : s.events()) {
            Event out = new Event();
            out.setAt(SoapPayloads.dateTime(e.at()));
            out.setType(e.type());
            out.setDetail(e.detail());
            events.getEvent().add(out);
        }
        r.setEvents(events);
        return r;
    }
}
