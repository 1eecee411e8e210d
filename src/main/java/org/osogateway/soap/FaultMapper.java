package org.osogateway.soap;

import javax.xml.stream.XMLStreamException;
import org.apache.cxf.interceptor.Fault;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.xml.sax.SAXParseException;

/** The one place that turns any failure of a SOAP request into a contract fault code and a safe message. */
public final class FaultMapper {

    private FaultMapper() {
    }

    /**
     * Like {@link #map(Throwable)}; {@code invoked} false means CXF refused the request before the gateway's own flow
     * ran (see {@link OperationGuard}): that is always the request's fault, never the gateway's.
     */
    public static GatewayException map(Throwable error, boolean invoked) {
        GatewayException g = map(error);
        // a code the gateway chose itself (e.g. the memory budget's TEMPORARILY_UNAVAILABLE) stands as it is
        if (!invoked && !g.code().isClientError() && !causedBy(error, java.sql.SQLException.class)
                && !causedBy(error, GatewayException.class)) {
            return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                    "Not a valid SOAP 1.1 request for this service: " + firstLine(error.getMessage()));
        }
        return g;
    }

    static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    public static GatewayException map(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GatewayException g) {
                return g;
            }
            if (t instanceof PayloadTooLargeException p) {
                return new GatewayException(GatewayErrorCode.PAYLOAD_TOO_LARGE, p.getMessage());
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException || t instanceof SAXParseException) {
                return fromParser(t.getMessage());
            }
        }
        if (error instanceof Fault f && (f.getCause() == null || isClientCode(f))) {
            // CXF refused the envelope itself (wrong SOAP version, unknown operation, missing body):
            // such faults carry no cause, unlike the wrapped exceptions of the gateway's own steps.
            String msg = f.getMessage() == null ? "" : f.getMessage();
            if (msg.toLowerCase().contains("dtd")) {
                return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "DTDs are not allowed in requests");
            }
            return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST,
                    "Not a valid SOAP 1.1 request for this service: " + firstLine(msg));
        }
        return new GatewayException(GatewayErrorCode.TEMPORARILY_UNAVAILABLE,
                "The gateway could not process the request now; nothing was accepted. Try again later.", error);
    }

    private static GatewayException fromParser(String raw) {
        String msg = raw == null ? "" : raw;
        String lower = msg.toLowerCase();
        if (lower.contains("limit") || lower.contains("maximum")) {
            return new GatewayException(GatewayErrorCode.PAYLOAD_TOO_LARGE,
                    "The request exceeds a structural limit: " + firstLine(msg));
        }
        if (lower.contains("dtd") || lower.contains("doctype")) {
            return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "DTDs are not allowed in requests");
        }
        return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The request is not well-formed XML: " + firstLine(msg));
    }

    private static boolean isClientCode(Fault f) {
        return f.getFaultCode() != null && "Client".equals(f.getFaultCode().getLocalPart());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
