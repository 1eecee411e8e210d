package org.osogateway.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.slf4j.MDC;

/**
 * First step of every SOAP request: gives it a correlation id (also in the log MDC), refuses what is no SOAP 1.1
 * call of this endpoint before anything is parsed (another path: 404; a method other than POST or GET: 405; a
 * Content-Type other than text/xml in UTF-8: MALFORMED_REQUEST), and enforces the request size limit.
 */
public final class RequestIntakeInterceptor extends AbstractPhaseInterceptor<Message> {
    /** Key of the correlation id in the CXF exchange and in the logging MDC. */
    public static final String CORRELATION_ID = "correlationId";

    private final long maxRequestBytes;

    public RequestIntakeInterceptor(long maxRequestBytes) {
        super(Phase.RECEIVE);
        addBefore(AttachmentInInterceptor.class.getName()); // no MIME parsing of a request that is refused anyway
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        String id = UUID.randomUUID().toString();
        message.getExchange().put(CORRELATION_ID, id);
        MDC.put(CORRELATION_ID, id);

        if (!isEndpointPath(message)) {
            HttpRefusal.refuse(message, 404, null);
            return;
        }
        Object method = message.get(Message.HTTP_REQUEST_METHOD);
        if ("GET".equals(method)) {
            return; // ?wsdl and ?xsd=; any other GET is refused after CXF's WSDL step (WsdlOnlyGet)
        }
        if (!"POST".equals(method)) {
            HttpRefusal.refuse(message, 405, "POST");
            return;
        }
        requireSoap11ContentType((String) message.get(Message.CONTENT_TYPE));
        long declared = declaredLength(message);
        if (declared > maxRequestBytes) {
            throw new Fault(new PayloadTooLargeException(maxRequestBytes));
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            // Read the (size-limited) body off the network first: parsing straight from the socket
            // stream goes through it in small chunks and costs several times the CPU.
            byte[] body;
            try {
                body = new LimitedInputStream(in, maxRequestBytes).readAllBytes();
            } catch (IOException e) {
                throw new Fault(e);
            }
            requireUtf8(body);
            message.setContent(InputStream.class, new ByteArrayInputStream(body));
        }
    }

    /** Only the endpoint's own path: CXF would otherwise serve any path below it as the endpoint. */
    private static boolean isEndpointPath(Message message) {
        Object requested = message.get(Message.REQUEST_URI);
        String address = message.getExchange().getEndpoint() == null ? null
                : message.getExchange().getEndpoint().getEndpointInfo().getAddress();
        if (!(requested instanceof String path) || address == null) {
            return true; // not over HTTP: nothing to compare
        }
        return path.equals(URI.create(address).getRawPath());
    }

    /** SOAP 1.1 is text/xml; the contract is UTF-8, so another charset is refused rather than guessed at. */
    public static void requireSoap11ContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw malformed("The request has no Content-Type; a SOAP 1.1 request is text/xml; charset=UTF-8");
        }
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals("application/soap+xml")) {
            throw malformed("SOAP 1.2 (application/soap+xml) is not supported; send SOAP 1.1 as text/xml; charset=UTF-8");
        }
        if (media.startsWith("multipart/")) {
            throw malformed("Attachments (multipart, SwA or MTOM) are not supported; send the dossier inside the SOAP body");
        }
        if (!media.equals("text/xml")) {
            throw malformed("Content-Type " + (media.matches("[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}") ? media : "(unreadable)")
                    + " is not text/xml; a SOAP 1.1 request is text/xml; charset=UTF-8");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                String charset = kv[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw malformed("Only UTF-8 requests are accepted (Content-Type charset=UTF-8)");
                }
            }
        }
    }

    /** A UTF-16 or UTF-32 body (its byte-order mark or a NUL among its first bytes) is not the contract's UTF-8. */
    public static void requireUtf8(byte[] body) {
        boolean utf16or32 = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
        for (int i = 0; i < Math.min(4, body.length) && !utf16or32; i++) {
            utf16or32 = body[i] == 0;
        }
        if (utf16or32) {
            throw malformed("Only UTF-8 requests are accepted; this one is UTF-16 or UTF-32");
        }
    }

    private static Fault malformed(String message) {
        return new Fault(new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, message));
    }

    /** The Content-Length a CXF request message declares; -1 without one (chunked), when unreadable, or no message. */
    public static long declaredLength(Message message) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = message == null ? null
                : (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
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
