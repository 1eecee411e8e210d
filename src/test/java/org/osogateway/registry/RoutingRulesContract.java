package org.osogateway.registry;

import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One rule set, so one outcome: the same registry content answered through each adapter (the local snapshot,
 * the OSR) must give the same endpoints, faults and messages. The content stays within what both can hold:
 * every board has an agreement and no question names a branch the school does not have.
 */
public abstract class RoutingRulesContract {
    public static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    public static final LocalDate DEMO_ENDED = LocalDate.of(2025, 1, 31);
    public static final String SV = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    public static final String OLD = "http://www.edustandaard.nl/oso_gegevensset/2017/dossier";
    public static final String DEMO = "urn:oso-gateway:demo:dossier:v1";
    /** The school's LAS: mandates for SV and (ended) DEMO, endpoints school-wide and for branch 01. */
    public static final String A = "00000003000000000011";
    /** Branch 02's LAS: its own mandate on the BRIN (R3), an endpoint for branch 02 only. */
    public static final String B = "00000003000000000012";
    /** A mandate that starts next year. */
    public static final String C = "00000003000000000013";
    /** A mandate for OLD, and no endpoint. */
    public static final String D = "00000003000000000014";
    /** Registered, no mandate anywhere. */
    public static final String E = "00000003000000000015";
    /** Not registered at all. */
    public static final String X = "00000003000000000099";
    public static final String RK_SCHOOL = "0000000700004HR77700";
    public static final String RK_01 = "0000000700004HR77701";
    public static final String RK_02 = "0000000700004HR77702";
    public static final String RK_DEMO = "0000000700004HR77709";
    public static final String RK_LM_A = "0000000700006LM77701";
    public static final String RK_LM_B = "0000000700006LM77702";

    /** The registry content every adapter is given. */
    public static RegistryData data() {
        LocalDate from = LocalDate.of(2024, 1, 1);
        return new RegistryData(
                List.of(new Board("B1", "Stichting Een")),
                List.of(new Agreement("B1", LocalDate.of(2020, 1, 1), null)),
                List.of(new School("04HR", "Hoofdschool", "B1", Set.of("01", "02", "03")),
                        new School("05JK", "Zonder adres", "B1", Set.of()),
                        new School("06LM", "Twee adressen", "B1", Set.of())),
                List.of(new Supplier(A, "LAS A"), new Supplier(B, "LAS B"), new Supplier(C, "LAS C"),
                        new Supplier(D, "LAS D"), new Supplier(E, "LAS E")),
                List.of(new Mandate("04HR", A, SV, from, null),
                        new Mandate("04HR", A, DEMO, from, DEMO_ENDED),
                        new Mandate("04HR", B, SV, from, null),
                        new Mandate("04HR", C, SV, LocalDate.of(2026, 1, 1), null),
                        new Mandate("04HR", D, OLD, from, null),
                        new Mandate("05JK", A, SV, from, null),
                        new Mandate("06LM", A, SV, from, null),
                        new Mandate("06LM", B, SV, from, null)),
                List.of(new Endpoint(RK_SCHOOL, "04HR", null, A, SV, "https://a.example/oso", from, null),
                        new Endpoint(RK_01, "04HR", "01", A, SV, "https://a.example/oso/01", from, null),
                        new Endpoint(RK_02, "04HR", "02", B, SV, "https://b.example/oso/02", from, null),
                        new Endpoint(RK_DEMO, "04HR", null, A, DEMO, "https://a.example/demo", from, DEMO_ENDED),
                        new Endpoint(RK_LM_A, "06LM", null, A, SV, "https://a.example/lm", from, null),
                        new Endpoint(RK_LM_B, "06LM", null, B, SV, "https://b.example/lm", from, null)));
    }

    /** The rules over this adapter, holding {@link #data()}. */
    protected abstract RoutingRegistry rules();

    static GatewayException fault(Runnable call, GatewayErrorCode code) {
        GatewayException e = catchThrowableOfType(GatewayException.class, call::run);
        assertThat(e).as("expected a GatewayException %s", code).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        return e;
    }

    // ---- routing ----

    @Test
    void aBranchGetsItsOwnEndpointElseTheSchoolWideOne() {
        assertThat(rules().resolveReceiver("04HR", "01", null, SV, DAY))
                .isEqualTo(new ResolvedEndpoint(RK_01, "04HR", "01", A, SV, "https://a.example/oso/01"));
        assertThat(rules().resolveReceiver("04HR", "02", null, SV, DAY).supplierOin()).isEqualTo(B);
        assertThat(rules().resolveReceiver("04HR", "03", null, SV, DAY).routeringskenmerk()).isEqualTo(RK_SCHOOL);
        assertThat(rules().resolveReceiver("04HR", null, RK_02, SV, DAY).vestiging()).isEqualTo("02");
    }

    @Test
    void severalEndpointsAreAmbiguousUntilARouteringskenmerkPicksOne() {
        assertThat(fault(() -> rules().resolveReceiver("04HR", null, null, SV, DAY), GatewayErrorCode.AMBIGUOUS_ROUTE))
                .hasMessage("receiver school 04HR has 3 endpoints for service version " + SV
                        + "; pick one with a routeringskenmerk: " + RK_SCHOOL + ", " + RK_01 + ", " + RK_02);
        assertThat(fault(() -> rules().resolveReceiver("06LM", null, null, SV, DAY), GatewayErrorCode.AMBIGUOUS_ROUTE))
                .hasMessageEndingWith(": " + RK_LM_A + ", " + RK_LM_B);
        assertThat(fault(() -> rules().resolveReceiver("04HR", null, RK_LM_A, SV, DAY), GatewayErrorCode.NO_ENDPOINT))
                .hasMessage("receiver school 04HR has no endpoint with routeringskenmerk " + RK_LM_A
                        + " for service version " + SV + " on 2025-03-01 (it belongs to school 06LM)");
    }

    @Test
    void anEndedMandateEndsItsEndpointAndTheFaultNamesWhatIsAccepted() {
        assertThat(rules().resolveReceiver("04HR", null, null, DEMO, DEMO_ENDED).routeringskenmerk()).isEqualTo(RK_DEMO);
        assertThat(fault(() -> rules().resolveReceiver("04HR", null, null, DEMO, DAY), GatewayErrorCode.NO_ENDPOINT))
                .hasMessage("receiver school 04HR has no endpoint for service version " + DEMO + " on 2025-03-01;"
                        + " it accepts: " + SV);
        assertThat(fault(() -> rules().resolveReceiver("05JK", null, null, SV, DAY), GatewayErrorCode.NO_ENDPOINT))
                .hasMessage("receiver school 05JK has no endpoint for service version " + SV + " on 2025-03-01;"
                        + " it accepts: none");
    }

    @Test
    void anUnknownSchoolIsUnknownOnEitherSide() {
        assertThat(fault(() -> rules().resolveReceiver("99ZZ", null, null, SV, DAY), GatewayErrorCode.UNKNOWN_SCHOOL))
                .hasMessageStartingWith("receiver school 99ZZ is not in the registry");
        assertThat(fault(() -> rules().checkSender("99ZZ", null, A, SV, DAY), GatewayErrorCode.UNKNOWN_SCHOOL))
                .hasMessageStartingWith("sender school 99ZZ is not in the registry");
    }

    @Test
    void aSenderNeedsAValidMandateOfItsSupplierButNoEndpoint() {
        assertThatCode(() -> rules().checkSender("04HR", "01", A, SV, DAY)).doesNotThrowAnyException();
        assertThatCode(() -> rules().checkSender("05JK", null, null, SV, DAY)).doesNotThrowAnyException();
        assertThat(fault(() -> rules().checkSender("04HR", null, E, SV, DAY), GatewayErrorCode.NO_MANDATE))
                .hasMessage("sender school 04HR has no mandate of supplier " + E + " for service version " + SV
                        + " valid on 2025-03-01");
        fault(() -> rules().checkSender("04HR", null, C, SV, DAY), GatewayErrorCode.NO_MANDATE);
        fault(() -> rules().checkSender("04HR", null, A, DEMO, DAY), GatewayErrorCode.NO_MANDATE);
    }

    // ---- connection ----

    @Test
    void theConnectionReportShowsTheMandatesAndEndpointsInForce() {
        ConnectionReport report = rules().checkConnection("04HR", null, DAY);

        assertThat(report.connected()).isTrue();
        assertThat(report.agreement().present()).isTrue();
        assertThat(report.mandates()).extracting(ConnectionReport.MandateInfo::supplierOin,
                ConnectionReport.MandateInfo::serviceVersion).containsExactly(tuple(D, OLD), tuple(A, SV), tuple(B, SV));
        assertThat(report.endpoints()).extracting(ConnectionReport.EndpointInfo::routeringskenmerk)
                .containsExactly(RK_SCHOOL, RK_01, RK_02);
        assertThat(rules().checkConnection("04HR", "02", DAY).endpoints())
                .extracting(ConnectionReport.EndpointInfo::routeringskenmerk).containsExactly(RK_02);
        assertThat(rules().checkConnection("04HR", "03", DAY).endpoints())
                .extracting(ConnectionReport.EndpointInfo::routeringskenmerk).containsExactly(RK_SCHOOL);
        assertThat(rules().checkConnection("05JK", null, DAY).reasons()).containsExactly(GatewayErrorCode.NO_ENDPOINT);
        assertThat(rules().checkConnection("99ZZ", null, DAY).reasons()).containsExactly(GatewayErrorCode.UNKNOWN_SCHOOL);
    }

    @Test
    void acceptedServiceVersionsFollowTheDate() {
        assertThat(rules().acceptedServiceVersions("04HR", DAY)).containsExactly(SV);
        assertThat(rules().acceptedServiceVersions("04HR", DEMO_ENDED)).containsExactly(SV, DEMO);
        assertThat(rules().acceptedServiceVersions("05JK", DAY)).isEmpty();
        assertThat(rules().acceptedServiceVersions("99ZZ", DAY)).isEmpty();
    }

    // ---- sender authorization ----

    @Test
    void aRegisteredSupplierWithAValidMandatePasses() {
        assertThatCode(() -> rules().authorizeSender(A, "04HR", SV, DAY)).doesNotThrowAnyException();
        assertThatCode(() -> rules().authorizeSender(A, "04HR", DEMO, DEMO_ENDED)).doesNotThrowAnyException();
    }

    @Test
    void aBranchIsNoSeparateCheckTheMandateIsOnTheBrin() {
        // B's only endpoint is for branch 02, yet its mandate on 04HR lets it send for the school (R3)
        assertThatCode(() -> rules().authorizeSender(B, "04HR", SV, DAY)).doesNotThrowAnyException();
        // D has no endpoint at all: sending needs only the mandate
        assertThatCode(() -> rules().authorizeSender(D, "04HR", OLD, DAY)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownOrUnmandatedSupplierIsNotAuthorized() {
        assertThat(fault(() -> rules().authorizeSender(X, "04HR", SV, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED))
                .hasMessage(refusal(X, "04HR", SV, DAY));
        assertThat(fault(() -> rules().authorizeSender(E, "04HR", SV, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED))
                .hasMessage(refusal(E, "04HR", SV, DAY));
    }

    @Test
    void aMandateForAnotherSchoolOrVersionDoesNotAuthorize() {
        assertThat(fault(() -> rules().authorizeSender(D, "06LM", OLD, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED))
                .hasMessage(refusal(D, "06LM", OLD, DAY));
        assertThat(fault(() -> rules().authorizeSender(A, "04HR", OLD, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED))
                .hasMessage(refusal(A, "04HR", OLD, DAY));
    }

    @Test
    void anExpiredOrNotYetValidMandateDoesNotAuthorize() {
        assertThat(fault(() -> rules().authorizeSender(A, "04HR", DEMO, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED))
                .hasMessage(refusal(A, "04HR", DEMO, DAY));
        fault(() -> rules().authorizeSender(C, "04HR", SV, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThatCode(() -> rules().authorizeSender(C, "04HR", SV, LocalDate.of(2026, 1, 1))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownSchoolIsNotAuthorizedEitherAndSaysNoMore() {
        assertThat(fault(() -> rules().authorizeSender(A, "99ZZ", SV, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED))
                .hasMessage(refusal(A, "99ZZ", SV, DAY));
        fault(() -> rules().authorizeSender(A, "not a BRIN", SV, DAY), GatewayErrorCode.SENDER_NOT_AUTHORIZED);
    }

    /** The one refusal message: the supplier, the school, the version and the date, nothing from the registry. */
    static String refusal(String supplier, String brin, String version, LocalDate date) {
        return "supplier " + supplier + " may not send dossiers for school " + brin + ": it holds no mandate of that"
                + " school for service version " + version + " valid on " + date;
    }
}
