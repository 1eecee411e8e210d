package org.osogateway.soap;

import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/**
 * Refuses a request whose {@code wsa:ReplyTo} or {@code wsa:FaultTo} is not the anonymous address, and sends that
 * refusal back on the caller's own connection: no address named in a request is ever called.
 */
public final class ReplyAddressGuard extends AbstractSoapInterceptor {

    public ReplyAddressGuard() {
        // right after the WS-Addressing headers are decoded, before CXF decides where answers and faults go
        super(Phase.PRE_PROTOCOL);
        addAfter(MAPCodec.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        AddressingProperties maps = ContextUtils.retrieveMAPs(message, false, false, false);
        if (maps == null) {
            return;
        }
        List<String> elsewhere = new ArrayList<>(2);
        if (!anonymous(maps.getReplyTo())) {
            elsewhere.add("wsa:ReplyTo");
        }
        if (!anonymous(maps.getFaultTo())) {
            elsewhere.add("wsa:FaultTo");
        }
        if (elsewhere.isEmpty()) {
            return;
        }
        // The fault for this request must not follow the addresses it names either.
        EndpointReferenceType back = EndpointReferenceUtils.getAnonymousEndpointReference();
        maps.setReplyTo(back);
        maps.setFaultTo(back);
        throw new Fault(new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, String.join(" and ", elsewhere)
                + " must be absent or the anonymous address: the gateway answers only on the caller's connection"));
    }

    /** Absent, or the anonymous address of WS-Addressing 1.0 or of the 2004 submission. */
    private static boolean anonymous(EndpointReferenceType reference) {
        return reference == null || reference.getAddress() == null || reference.getAddress().getValue() == null
                || ContextUtils.isAnonymousAddress(reference);
    }
}
