package org.osogateway.mock;

import java.time.Instant;

/**
 * One call the mock LAS received, and what it answered.
 *
 * @param messageId     the request's messageId (null when the request could not be read)
 * @param attempt       the request's attempt number, or null
 * @param senderBrin    sender/brin, or null
 * @param receiverBrin  receiver/brin, or null
 * @param dossierSha256 the request's dossierSha256, or null
 * @param requestSize   size of the HTTP request body in bytes
 * @param dossierSize   size of the dossier element in bytes (0 when absent)
 * @param receivedAt    when it arrived
 * @param httpStatus    the HTTP status answered, 0 when the call got no answer (a scenario's hang)
 * @param answer        {@code RECEIVED}, a {@link FailureMode#label()}, {@code MALFORMED}, or for a scenario's hang
 *                      {@code HANG} (held) or {@code HANG_LIMIT} (closed at once: too many calls hanging)
 * @param clientCertificate the subject DN of the caller's TLS client certificate, or null (plain http, or https
 *                      without a demanded client certificate)
 * @param dossier       the dossier element's bytes exactly as received, or null once evicted (only the newest
 *                      calls keep them)
 */
public record ReceivedCall(
        String messageId,
        Integer attempt,
        String senderBrin,
        String receiverBrin,
        String dossierSha256,
        int requestSize,
        int dossierSize,
        Instant receivedAt,
        int httpStatus,
        String answer,
        String clientCertificate,
        byte[] dossier) {

    /** Whether the mock confirmed this call as delivered. */
    public boolean delivered() {
        return "RECEIVED".equals(answer);
    }

    @Override
    public String toString() {
        // The dossier bytes stay out of logs and assertion messages.
        return "ReceivedCall[messageId=" + messageId + ", attempt=" + attempt + ", sender=" + senderBrin
                + ", receiver=" + receiverBrin + ", dossierSha256=" + dossierSha256 + ", requestSize=" + requestSize
                + ", dossierSize=" + dossierSize + ", receivedAt=" + receivedAt + ", httpStatus=" + httpStatus
                + ", answer=" + answer + ", clientCertificate=" + clientCertificate + ", dossierKept=" + (dossier != null) + "]";
    }
}
