package org.osogateway.soap;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;

/** Copies the request's correlation id from the CXF exchange into the Camel exchange property {@value #PROPERTY}. */
public final class CorrelationCapture {
    public static final String PROPERTY = "osoCorrelationId";

    public void capture(Exchange exchange) {
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        Object id = cxf == null ? null : cxf.getExchange().get(RequestIntakeInterceptor.CORRELATION_ID);
        exchange.setProperty(PROPERTY, id != null ? id.toString() : UUID.randomUUID().toString());
    }
}
