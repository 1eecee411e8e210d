package org.osogateway.soap;

import java.util.List;
import java.util.TreeMap;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Answers and faults carry only the HTTP headers the transport writes itself (content type, length, date): the
 * request's headers, which Camel would copy back, and the routes' internal headers never leave the gateway.
 */
public final class AnswerHeaders extends AbstractPhaseInterceptor<Message> {

    public AnswerHeaders() {
        super(Phase.PREPARE_SEND);
        addBefore(MessageSenderInterceptor.class.getName()); // before the HTTP headers are written
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        message.put(Message.PROTOCOL_HEADERS, new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER));
    }
}
