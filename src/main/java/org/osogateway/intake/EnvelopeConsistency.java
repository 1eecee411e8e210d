package org.osogateway.intake;

import java.util.ArrayList;
import java.util.List;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;

/**
 * The gateway's own rules that tie the envelope to the dossier it carries, checked after routing.
 * Each broken rule is one violation with its rule id; together they are a BUSINESS_RULE_VIOLATION.
 */
public final class EnvelopeConsistency {
    /** The dossier's overdrachtsoort equals the envelope's. */
    public static final String SAME_OVERDRACHTSOORT = "GW-ENV-01";
    /** The dossier's current school (huidigeschool brincode, and vestigingscode) is the envelope's sender. */
    public static final String SENDER_IS_CURRENT_SCHOOL = "GW-ENV-02";
    /** An overdrachtbinnenbrin stays within one BRIN: sender BRIN equals receiver BRIN. */
    public static final String BINNEN_BRIN_SAME_BRIN = "GW-ENV-03";
    /** The receiver's endpoint takes this overdrachtsoort (a swv-dossier only goes to an endpoint that serves it). */
    public static final String ENDPOINT_SERVES_SOORT = "GW-ENV-04";

    public RoutedSubmission check(RoutedSubmission routed) {
        DossierSubmission s = routed.submission();
        DossierFacts f = s.facts();
        List<Violation> broken = new ArrayList<>();
        if (f.overdrachtsoort() != null && !f.overdrachtsoort().equals(s.overdrachtsoort())) {
            broken.add(Violation.ofRule(SAME_OVERDRACHTSOORT, "the dossier's overdrachtsoort is '" + f.overdrachtsoort()
                    + "' but the request says '" + s.overdrachtsoort() + "'"));
        }
        if (f.brincode() != null && !f.brincode().equals(s.senderBrin())) {
            broken.add(Violation.ofRule(SENDER_IS_CURRENT_SCHOOL, "the dossier's huidigeschool is BRIN " + f.brincode()
                    + " but the sender is " + s.senderBrin()));
        } else if (f.vestigingscode() != null && s.senderVestiging() != null
                && !f.vestigingscode().equals(s.senderVestiging())) {
            broken.add(Violation.ofRule(SENDER_IS_CURRENT_SCHOOL, "the dossier's huidigeschool is vestiging "
                    + f.vestigingscode() + " but the sender is vestiging " + s.senderVestiging()));
        }
        if ("overdrachtbinnenbrin".equals(s.overdrachtsoort()) && !s.senderBrin().equals(s.receiverBrin())) {
            broken.add(Violation.ofRule(BINNEN_BRIN_SAME_BRIN, "an overdrachtbinnenbrin must stay within BRIN "
                    + s.senderBrin() + ", not go to " + s.receiverBrin()));
        }
        if (!routed.endpoint().serves(s.overdrachtsoort())) {
            broken.add(Violation.ofRule(ENDPOINT_SERVES_SOORT, "the endpoint " + routed.endpoint().routeringskenmerk()
                    + " of receiver " + s.receiverBrin() + " does not take " + s.overdrachtsoort() + " (it takes "
                    + String.join(", ", new java.util.TreeSet<>(routed.endpoint().services())) + ")"));
        }
        if (!broken.isEmpty()) {
            throw new GatewayException(GatewayErrorCode.BUSINESS_RULE_VIOLATION,
                    "The request and its dossier do not agree (" + broken.size() + " gateway rule(s) broken)", broken);
        }
        return routed;
    }
}
