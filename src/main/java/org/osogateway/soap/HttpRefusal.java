package org.osogateway.soap;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request that is no SOAP call of this endpoint (unknown path, wrong method) with a bare HTTP status and
 * stops the interceptor chain: no SOAP fault, no body, one log line.
 */
final class HttpRefusal {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRefusal.class);

    private HttpRefusal() {
    }

    /** Sends {@code status} (with {@code allow} as the Allow header when not null) and aborts the chain. */
    static void refuse(Message message, int status, String allow) {
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        if (response != null && !response.isCommitted()) {
            response.setStatus(status);
            if (allow != null) {
                response.setHeader("Allow", allow);
            }
            response.setContentLength(0);
        }
        // The method is the caller's choice, so only a known one is named.
        Object method = message.get(Message.HTTP_REQUEST_METHOD);
        LOG.info("refused correlationId={} http={} method={}", message.getExchange().get(RequestIntakeInterceptor.CORRELATION_ID),
                status, method instanceof String m && m.matches("[A-Z]{1,10}") ? m : "?");
        MemoryBudgetInterceptor.giveBack(message); // no answer chain runs after the abort to give it back
        message.getInterceptorChain().abort();
    }
}
