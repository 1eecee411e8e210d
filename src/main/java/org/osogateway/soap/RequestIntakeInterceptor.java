package org.osogateway.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.MDC;

/**
 * First step of every SOAP request: gives it a correlation id (also in the log MDC) and enforces
 * the request size limit before anything is parsed.
 */
public final class RequestIntakeInterceptor extends AbstractPhaseInterceptor<Message> {
    /** Key of the correlation id in the CXF exchange and in the logging MDC. */
    public static final String CORRELATION_ID = "correlationId";

    private final long maxRequestBytes;

    public RequestIntakeInterceptor(long maxRequestBytes) {
        super(Phase.RECEIVE);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        String id = UUID.randomUUID().toString();
        message.getExchange().put(CORRELATION_ID, id);
        MDC.put(CORRELATION_ID, id);

        long declared = declaredLength(message);
        if (declared > maxRequestBytes) {
            throw new Fault(new PayloadTooLargeException(maxRequestBytes));
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            // Read the (size-limited) body off the network first: parsing straight from the socket
            // stream goes through it in small chunks and costs several times the CPU.
            try {
                byte[] body = new LimitedInputStream(in, maxRequestBytes).readAllBytes();
                message.setContent(InputStream.class, new ByteArrayInputStream(body));
            } catch (IOException e) {
                throw new Fault(e);
            }
        }
    }

    private static long declaredLength(Message message) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers != null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if ("Content-Length".equalsIgnoreCase(e.getKey()) && !e.getValue().isEmpty()) {
                    try {
                        return Long.parseLong(e.getValue().get(0).trim());
                    } catch (NumberFormatException ignored) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }
}
