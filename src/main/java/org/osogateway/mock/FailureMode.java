package org.osogateway.mock;

import java.time.Duration;
import java.util.Objects;

/**
 * How the mock LAS fails a call: a bare HTTP status, or a SOAP fault (answered with HTTP 500).
 *
 * @param httpStatus    the HTTP status answered
 * @param soapFaultCode {@code Client} or {@code Server} for a SOAP fault, null for a bare HTTP status
 * @param retryAfter    sent as a Retry-After header (whole seconds), or null
 */
public record FailureMode(int httpStatus, String soapFaultCode, Duration retryAfter) {

    public FailureMode {
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599");
        }
        if (soapFaultCode != null && !soapFaultCode.equals("Client") && !soapFaultCode.equals("Server")) {
            throw new IllegalArgumentException("SOAP fault code must be Client or Server");
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    /** Answer this HTTP status with a short plain-text body. */
    public static FailureMode httpStatus(int status) {
        return new FailureMode(status, null, null);
    }

    /** Answer this HTTP status with a Retry-After header. */
    public static FailureMode httpStatus(int status, Duration retryAfter) {
        return new FailureMode(status, null, retryAfter);
    }

    /** Answer a SOAP 1.1 fault {@code soap:Client} or {@code soap:Server} with HTTP 500. */
    public static FailureMode soapFault(String code) {
        return new FailureMode(500, Objects.requireNonNull(code, "code"), null);
    }

    /** A SOAP fault with a Retry-After header. */
    public static FailureMode soapFault(String code, Duration retryAfter) {
        return new FailureMode(500, Objects.requireNonNull(code, "code"), retryAfter);
    }

    public boolean isSoapFault() {
        return soapFaultCode != null;
    }

    /** A short label for the received list, e.g. {@code HTTP_503} or {@code SOAP_FAULT_Client}. */
    public String label() {
        return isSoapFault() ? "SOAP_FAULT_" + soapFaultCode : "HTTP_" + httpStatus;
    }
}
