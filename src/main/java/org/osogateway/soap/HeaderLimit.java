package org.osogateway.soap;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.ReadHeadersInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.osogateway.validation.RequestSchema;
import org.w3c.dom.Node;

/**
 * Bounds the SOAP header like the request's own fields ({@link RequestSchema#MAX_FIELD_CHARS}), right after CXF read
 * it and before WS-Addressing or anything else looks at it: PAYLOAD_TOO_LARGE.
 */
public final class HeaderLimit extends AbstractPhaseInterceptor<SoapMessage> {
    public HeaderLimit() {
        super(Phase.READ);
        addAfter(ReadHeadersInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        long chars = 0;
        for (Header h : message.getHeaders()) {
            if (h.getObject() instanceof Node node) {
                chars += RequestSchema.fieldChars(node, RequestSchema.MAX_FIELD_CHARS - chars);
            }
            if (chars > RequestSchema.MAX_FIELD_CHARS) {
                throw new Fault(RequestSchema.tooLarge());
            }
        }
    }
}
