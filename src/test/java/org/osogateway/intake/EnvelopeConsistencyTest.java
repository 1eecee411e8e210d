package org.osogateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;
import org.osogateway.registry.ResolvedEndpoint;
import org.osogateway.validation.CanonicalDossier;

/** Each gateway rule tying envelope to dossier has a failing and a passing case, with its rule id. */
class EnvelopeConsistencyTest {
    private final EnvelopeConsistency rules = new EnvelopeConsistency();
    private static final ResolvedEndpoint SCHOOL_LAS = new ResolvedEndpoint("0000000700001AB00001", "01AB", null,
            "00000003000000000002", "urn:x", "http://localhost/las");
    private static final ResolvedEndpoint SWV_LAS = new ResolvedEndpoint("0000000700001AB00002", "01AB", null,
            "00000003000000000002", "urn:x", "http://localhost/las", Set.of("swv-dossier"));

    static RoutedSubmission routed(String soort, String sender, String senderVestiging, String receiver,
                                   DossierFacts facts, ResolvedEndpoint endpoint) {
        DossierSubmission s = new DossierSubmission("m", sender, senderVestiging, null, null, receiver, null, null, soort,
                new CanonicalDossier("urn:x", "dossier", new byte[0], "0".repeat(64)), facts, null, List.of());
        return new RoutedSubmission(s, endpoint);
    }

    @Test
    void aConsistentRequestPasses() {
        RoutedSubmission ok = routed("overstapdossier", "00YY", "00", "01AB",
                new DossierFacts("overstapdossier", "00YY", "00"), SCHOOL_LAS);
        assertThat(rules.check(ok)).isSameAs(ok);
        RoutedSubmission binnenBrin = routed("overdrachtbinnenbrin", "00YY", null, "00YY",
                new DossierFacts("overdrachtbinnenbrin", "00YY", "00"), SCHOOL_LAS);
        assertThat(rules.check(binnenBrin)).isSameAs(binnenBrin);
    }

    @Test
    void theOverdrachtsoortMustMatch() {
        assertBroken(routed("overstapdossier", "00YY", null, "01AB", new DossierFacts("overdrachtbinnenbrin", "00YY", "00"),
                SCHOOL_LAS), EnvelopeConsistency.SAME_OVERDRACHTSOORT);
    }

    @Test
    void theSenderMustBeTheDossiersCurrentSchool() {
        assertBroken(routed("overstapdossier", "00YY", null, "01AB", new DossierFacts("overstapdossier", "99ZZ", "00"),
                SCHOOL_LAS), EnvelopeConsistency.SENDER_IS_CURRENT_SCHOOL);
        assertBroken(routed("overstapdossier", "00YY", "01", "01AB", new DossierFacts("overstapdossier", "00YY", "00"),
                SCHOOL_LAS), EnvelopeConsistency.SENDER_IS_CURRENT_SCHOOL);
    }

    @Test
    void binnenBrinStaysWithinOneBrin() {
        assertBroken(routed("overdrachtbinnenbrin", "00YY", null, "01AB",
                new DossierFacts("overdrachtbinnenbrin", "00YY", null), SCHOOL_LAS), EnvelopeConsistency.BINNEN_BRIN_SAME_BRIN);
    }

    @Test
    void aSwvDossierGoesOnlyToAnEndpointThatTakesIt() {
        assertBroken(routed("swv-dossier", "00YY", null, "01AB", new DossierFacts("swv-dossier", "00YY", null), SCHOOL_LAS),
                EnvelopeConsistency.ENDPOINT_SERVES_SOORT);
        RoutedSubmission ok = routed("swv-dossier", "00YY", null, "01AB", new DossierFacts("swv-dossier", "00YY", null), SWV_LAS);
        assertThat(rules.check(ok)).isSameAs(ok);
        assertBroken(routed("overstapdossier", "00YY", null, "01AB", new DossierFacts("overstapdossier", "00YY", null), SWV_LAS),
                EnvelopeConsistency.ENDPOINT_SERVES_SOORT);
    }

    @Test
    void everyBrokenRuleIsReported() {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> rules.check(routed("overdrachtbinnenbrin",
                "00YY", null, "01AB", new DossierFacts("overstapdossier", "98XX", null), SCHOOL_LAS)));
        assertThat(e.violations()).extracting(Violation::rule).containsExactly(EnvelopeConsistency.SAME_OVERDRACHTSOORT,
                EnvelopeConsistency.SENDER_IS_CURRENT_SCHOOL, EnvelopeConsistency.BINNEN_BRIN_SAME_BRIN);
    }

    private void assertBroken(RoutedSubmission r, String rule) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> rules.check(r));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(GatewayErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(e.violations()).extracting(Violation::rule).containsExactly(rule);
        assertThat(e.violations().get(0).message()).isNotBlank();
    }
}
