package org.osogateway.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a receiving LAS answered to one ReceiveDossier call, as far as the contract cares.
 *
 * @param kind          which sort of answer it was
 * @param httpStatus    the HTTP status, 0 without an answer
 * @param contentType   the Content-Type header, or null
 * @param elapsed       from sending the request to having read the whole answer (or giving up)
 * @param messageId     the ReceiveDossierResponse's messageId, or null
 * @param result        the ReceiveDossierResponse's result, or null
 * @param faultCode     the fault's faultcode as {@code Client} or {@code Server} when it is in the SOAP 1.1
 *                      namespace, else the raw text; null when not a fault
 * @param faultString   the fault's faultstring, or null
 * @param detailCode    detail/ReceiverFault/code, or null
 * @param detailMessage detail/ReceiverFault/message, or null
 * @param problem       for {@link Kind#NO_ANSWER}, {@link Kind#UNREACHABLE} and {@link Kind#OTHER}: what went wrong
 */
public record ReceiverAnswer(Kind kind, int httpStatus, String contentType, Duration elapsed, String messageId,
                             String result, String faultCode, String faultString, String detailCode,
                             String detailMessage, String problem) {

    /** The sorts of answer. */
    public enum Kind {
        /** A SOAP 1.1 envelope with a ReceiveDossierResponse in its body. */
        RESPONSE,
        /** A SOAP 1.1 envelope with a Fault in its body. */
        FAULT,
        /** An HTTP answer that is neither (another status, not XML, another element). */
        OTHER,
        /** Nothing, or not all of it, within the timeout. */
        NO_ANSWER,
        /** No connection, or the TLS handshake failed. */
        UNREACHABLE
    }

    static ReceiverAnswer without(Kind kind, Duration elapsed, String problem) {
        return new ReceiverAnswer(kind, 0, null, elapsed, null, null, null, null, null, null, problem);
    }

    /** Whether this is the matching, successful answer the contract asks for. */
    public boolean isReceivedFor(String expectedMessageId) {
        return kind == Kind.RESPONSE && httpStatus == 200 && expectedMessageId.equals(messageId) && "RECEIVED".equals(result);
    }

    /** Why this is not a matching RECEIVED answer for the messageId; empty when it is. */
    public String mismatchWith(String expectedMessageId) {
        return switch (kind) {
            case RESPONSE -> {
                List<String> wrong = new ArrayList<>();
                if (httpStatus != 200) {
                    wrong.add("HTTP " + httpStatus + " instead of 200");
                }
                if (!expectedMessageId.equals(messageId)) {
                    wrong.add("messageId '" + messageId + "' instead of '" + expectedMessageId + "'");
                }
                if (!"RECEIVED".equals(result)) {
                    wrong.add("result '" + result + "' instead of RECEIVED");
                }
                yield String.join("; ", wrong);
            }
            case FAULT -> "a SOAP fault " + faultCode + " (" + detailCode + ": " + faultString + ") instead of a ReceiveDossierResponse";
            default -> describe();
        };
    }

    /** The contract's demands on a fault that this fault does not meet; empty when it meets them all. */
    public List<String> faultProblems() {
        List<String> problems = new ArrayList<>();
        if (kind != Kind.FAULT) {
            problems.add("not a SOAP 1.1 fault: " + describe());
            return problems;
        }
        if (httpStatus != 500) {
            problems.add("HTTP " + httpStatus + " instead of 500 (SOAP 1.1 over HTTP answers a fault with 500)");
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/xml")) {
            problems.add("Content-Type " + contentType + " instead of text/xml");
        }
        if (!"Client".equals(faultCode) && !"Server".equals(faultCode)) {
            problems.add("faultcode '" + faultCode + "' is not soap:Client or soap:Server");
        }
        if (faultString == null || faultString.isBlank()) {
            problems.add("no faultstring");
        }
        if (detailCode == null || detailCode.isBlank() || detailMessage == null) {
            problems.add("no detail/ReceiverFault with code and message (urn:oso-gateway:las:v1)");
        }
        return problems;
    }

    /** A short description for a reason text; never the body itself, which may echo dossier content. */
    public String describe() {
        return switch (kind) {
            case RESPONSE -> "HTTP " + httpStatus + " ReceiveDossierResponse messageId '" + messageId + "' result " + result;
            case FAULT -> "HTTP " + httpStatus + " SOAP fault " + faultCode + " code " + detailCode;
            case OTHER -> "HTTP " + httpStatus + ": " + problem;
            case NO_ANSWER, UNREACHABLE -> problem;
        };
    }
}
