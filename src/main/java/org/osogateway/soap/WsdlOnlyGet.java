package org.osogateway.soap;

import org.apache.cxf.frontend.WSDLGetInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * A GET that CXF did not answer with the WSDL or a schema (any other query, or none) is refused with 405: without
 * this, CXF would run it as an empty SOAP call and answer 200 with an empty body.
 */
public final class WsdlOnlyGet extends AbstractPhaseInterceptor<Message> {
    public WsdlOnlyGet() {
        super(Phase.READ);
        addAfter(WSDLGetInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        if (!"POST".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            HttpRefusal.refuse(message, 405, "POST");
        }
    }
}
