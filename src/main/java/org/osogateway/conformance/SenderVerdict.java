package org.osogateway.conformance;

import java.util.List;
import org.osogateway.fault.GatewayException;

/**
 * What the gateway would do with one DeliverDossier request: the named checks as far as the gateway gets, and
 * either the fault it answers or, when every check passed, the messageId and dossierSha256 of its ACCEPTED answer.
 *
 * @param request      the request's name in the report (its file name, or {@code request-N} when listening)
 * @param results      the checks in the gateway's order; the last one failed when {@code fault} is set
 * @param fault        the fault the gateway answers, or null for ACCEPTED
 * @param messageId    the request's messageId, or null when it could not be read
 * @param dossierSha256 the dossier's hash as the gateway computes it, or null when it could not be read
 * @param duplicate    the same sender sent this messageId with this dossier before: the gateway answers DUPLICATE
 */
public record SenderVerdict(String request, List<CheckResult> results, GatewayException fault, String messageId,
                            String dossierSha256, boolean duplicate) {

    public SenderVerdict {
        results = List.copyOf(results);
    }

    public boolean accepted() {
        return fault == null;
    }

    /** One line: the answer the gateway would give, e.g. {@code ACCEPTED, dossierSha256 ab12...} or the fault. */
    public String answer() {
        return accepted() ? "the gateway answers " + (duplicate ? "DUPLICATE" : "ACCEPTED") + " (messageId " + messageId + ", dossierSha256 " + dossierSha256 + ")"
                : FaultText.of(fault);
    }
}
