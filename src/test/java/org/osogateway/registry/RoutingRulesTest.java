package org.osogateway.registry;

import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The rules themselves, over a fake source: what they do with a source's properties (no school list, no
 * agreements, no supplier list), and what they check whatever a source answers (validity, R4, R5, order).
 */
class RoutingRulesTest {
    static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    static final String SV = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    static final String OLD = "http://www.edustandaard.nl/oso_gegevensset/2017/dossier";
    static final String BRIN = "04HR";
    static final String LAS = "00000003000000000011";
    static final String OTHER_LAS = "00000003000000000012";
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);

    /** A source that answers from lists, with its properties set by the test. */
    static final class FakeSource implements RegistrySource {
        boolean listsSchools = true;
        boolean knowsAgreements = true;
        boolean knowsSuppliers = true;
        final List<School> schools = new ArrayList<>();
        final List<Board> boards = new ArrayList<>();
        final List<Agreement> agreements = new ArrayList<>();
        final List<Supplier> suppliers = new ArrayList<>();
        final List<Mandate> mandates = new ArrayList<>();
        final List<Endpoint> endpoints = new ArrayList<>();

        /** Like the OSR: no schools, boards, agreements or suppliers. */
        static FakeSource unlisted() {
            FakeSource s = new FakeSource();
            s.listsSchools = false;
            s.knowsAgreements = false;
            s.knowsSuppliers = false;
            return s;
        }

        /** A listed school 04HR (branches 01, 02) whose board has an agreement, and supplier LAS. */
        static FakeSource listed() {
            FakeSource s = new FakeSource();
            s.boards.add(new Board("B1", "Stichting Een"));
            s.agreements.add(new Agreement("B1", FROM, null));
            s.schools.add(new School(BRIN, "School", "B1", Set.of("01", "02")));
            s.suppliers.add(new Supplier(LAS, "LAS B.V."));
            return s;
        }

        @Override
        public String name() {
            return "the fake";
        }

        @Override
        public boolean listsSchools() {
            return listsSchools;
        }

        @Override
        public Optional<School> school(String brin) {
            return schools.stream().filter(s -> s.brin().equals(brin)).findFirst();
        }

        @Override
        public Optional<Board> board(String id) {
            return boards.stream().filter(b -> b.id().equals(id)).findFirst();
        }

        @Override
        public boolean knowsAgreements() {
            return knowsAgreements;
        }

        @Override
        public List<Agreement> agreements(String boardId) {
            return agreements.stream().filter(a -> a.boardId().equals(boardId)).toList();
        }

        @Override
        public List<Mandate> mandates(String brin, LocalDate date) {
            return List.copyOf(mandates); // all of them, any school: the rules must pick
        }

        @Override
        public List<Endpoint> endpoints(String brin, String serviceVersion, LocalDate date) {
            return List.copyOf(endpoints);
        }

        @Override
        public Optional<Endpoint> endpoint(String routeringskenmerk, String serviceVersion, LocalDate date) {
            return endpoints.stream().filter(e -> e.routeringskenmerk().equals(routeringskenmerk)).findFirst();
        }

        @Override
        public boolean knowsSuppliers() {
            return knowsSuppliers;
        }

        @Override
        public Optional<Supplier> supplier(String oin) {
            return suppliers.stream().filter(s -> s.oin().equals(oin)).findFirst();
        }
    }

    static Endpoint endpoint(String rk, String brin, String vestiging, String supplier, String version) {
        return new Endpoint(rk, brin, vestiging, supplier, version, "https://las.example/" + rk, FROM, null);
    }

    static GatewayException fault(Runnable call) {
        GatewayException e = catchThrowableOfType(GatewayException.class, call::run);
        assertThat(e).as("expected a GatewayException").isNotNull();
        return e;
    }

    // ---- a source without a school list (the OSR's case) ----

    @Test
    void withoutASchoolListASchoolIsKnownByItsMandatesOrItsEndpointsForTheVersion() {
        FakeSource osr = FakeSource.unlisted();
        RoutingRules rules = new RoutingRules(osr);
        GatewayException unknown = fault(() -> rules.resolveReceiver(BRIN, null, null, SV, DAY));
        assertThat(unknown.code()).isEqualTo(GatewayErrorCode.UNKNOWN_SCHOOL);
        assertThat(unknown).hasMessage("receiver school 04HR is not in the registry (the fake knows no mandates or"
                + " endpoints for it on 2025-03-01)");

        osr.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, LAS, SV));
        assertThat(fault(() -> rules.resolveReceiver(BRIN, null, null, SV, DAY)).code())
                .isEqualTo(GatewayErrorCode.NO_MANDATE);
        // an endpoint of another version does not make the school known for this one
        assertThat(fault(() -> rules.checkSender(BRIN, null, LAS, OLD, DAY)).code())
                .isEqualTo(GatewayErrorCode.UNKNOWN_SCHOOL);
        // the connection report asks about no version: only mandates tell
        assertThat(rules.checkConnection(BRIN, null, DAY).reasons()).containsExactly(GatewayErrorCode.UNKNOWN_SCHOOL);

        osr.mandates.add(new Mandate(BRIN, LAS, SV, FROM, null));
        assertThat(rules.resolveReceiver(BRIN, null, null, SV, DAY).routeringskenmerk()).isEqualTo("0000000700004HR00001");
        assertThat(fault(() -> rules.checkSender(BRIN, null, LAS, OLD, DAY)).code()).isEqualTo(GatewayErrorCode.NO_MANDATE);
    }

    @Test
    void withoutASchoolListEveryBranchCodeCountsAndFallsBackToTheSchoolWideEndpoint() {
        FakeSource osr = FakeSource.unlisted();
        osr.mandates.add(new Mandate(BRIN, LAS, SV, FROM, null));
        osr.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, LAS, SV));
        RoutingRules rules = new RoutingRules(osr);

        assertThat(rules.resolveReceiver(BRIN, "77", null, SV, DAY).routeringskenmerk()).isEqualTo("0000000700004HR00001");
        assertThat(rules.checkConnection(BRIN, "77", DAY).connected()).isTrue();

        // a listing source knows its branches
        FakeSource local = FakeSource.listed();
        local.mandates.addAll(osr.mandates);
        local.endpoints.addAll(osr.endpoints);
        assertThat(fault(() -> new RoutingRules(local).resolveReceiver(BRIN, "77", null, SV, DAY)))
                .hasMessage("receiver school 04HR has no vestiging 77");
    }

    @Test
    void withoutAgreementsTheAgreementIsAssumedAndNoBoardIsNamed() {
        FakeSource osr = FakeSource.unlisted();
        osr.mandates.add(new Mandate(BRIN, LAS, SV, FROM, null));
        osr.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, LAS, SV));

        ConnectionReport report = new RoutingRules(osr).checkConnection(BRIN, null, DAY);

        assertThat(report.agreement()).isEqualTo(new ConnectionReport.AgreementStatus(true, null, null, null, null));
        assertThat(report.reasons()).isEmpty();
        assertThat(report.mandates()).containsExactly(new ConnectionReport.MandateInfo(LAS, null, SV, FROM, null));
    }

    @Test
    void aListingSourceWithoutAValidAgreementIsNoAgreementNamingTheBoard() {
        FakeSource local = FakeSource.listed();
        local.agreements.set(0, new Agreement("B1", FROM, LocalDate.of(2024, 12, 31)));
        local.mandates.add(new Mandate(BRIN, LAS, SV, FROM, null));
        RoutingRules rules = new RoutingRules(local);

        assertThat(fault(() -> rules.checkSender(BRIN, null, LAS, SV, DAY)))
                .hasMessage("sender school 04HR: its board B1 (Stichting Een) has no OSO agreement valid on 2025-03-01");
        assertThat(rules.checkConnection(BRIN, null, DAY).agreement())
                .isEqualTo(new ConnectionReport.AgreementStatus(false, "B1", "Stichting Een", null, null));
        assertThat(rules.acceptedServiceVersions(BRIN, DAY)).isEmpty();
    }

    // ---- what the rules check whatever the source answers ----

    @Test
    void entriesOutsideTheirPeriodAndOfOtherSchoolsAreIgnored() {
        FakeSource osr = FakeSource.unlisted();
        osr.mandates.add(new Mandate(BRIN, LAS, SV, FROM, LocalDate.of(2025, 2, 28)));   // ended the day before
        osr.mandates.add(new Mandate("05JK", LAS, SV, FROM, null));                      // another school's (R3)
        osr.endpoints.add(endpoint("0000000700005JK00001", "05JK", null, LAS, SV));       // another school's (R5)
        osr.endpoints.add(new Endpoint("0000000700004HR00001", BRIN, null, LAS, SV, "https://las.example/oso",
                LocalDate.of(2025, 3, 2), null));                                         // not yet valid
        RoutingRules rules = new RoutingRules(osr);

        assertThat(fault(() -> rules.resolveReceiver(BRIN, null, null, SV, DAY)).code())
                .isEqualTo(GatewayErrorCode.UNKNOWN_SCHOOL);
        assertThat(fault(() -> rules.resolveReceiver(BRIN, null, null, SV, LocalDate.of(2025, 2, 28))))
                .hasMessage("receiver school 04HR has no endpoint for service version " + SV
                        + " on 2025-02-28; it accepts: none");
    }

    @Test
    void anEndpointCountsOnlyUnderAValidMandateOfItsSupplierForItsVersion() {
        FakeSource local = FakeSource.listed();
        local.suppliers.add(new Supplier(OTHER_LAS, "Andere LAS"));
        local.mandates.add(new Mandate(BRIN, LAS, OLD, FROM, null));       // LAS: the other version only
        local.mandates.add(new Mandate(BRIN, OTHER_LAS, SV, FROM, null));  // the version: another supplier
        local.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, LAS, SV));
        RoutingRules rules = new RoutingRules(local);

        assertThat(fault(() -> rules.resolveReceiver(BRIN, null, null, SV, DAY)))
                .hasMessage("receiver school 04HR has no endpoint for service version " + SV
                        + " on 2025-03-01; it accepts: none");
        assertThat(rules.checkConnection(BRIN, null, DAY).reasons()).containsExactly(GatewayErrorCode.NO_ENDPOINT);

        local.mandates.add(new Mandate(BRIN, LAS, SV, FROM, LocalDate.of(2025, 2, 28)));
        assertThat(rules.resolveReceiver(BRIN, null, null, SV, LocalDate.of(2025, 2, 28)).routeringskenmerk())
                .isEqualTo("0000000700004HR00001");
        assertThat(fault(() -> rules.resolveReceiver(BRIN, null, null, SV, DAY)).code())
                .isEqualTo(GatewayErrorCode.NO_ENDPOINT); // the ended mandate ended its endpoint
    }

    @Test
    void reportsListMandatesAndEndpointsInAStableOrderWithSupplierNamesWhereKnown() {
        FakeSource local = FakeSource.listed();
        local.mandates.add(new Mandate(BRIN, OTHER_LAS, SV, FROM, null)); // not a listed supplier: no name
        local.mandates.add(new Mandate(BRIN, LAS, SV, FROM, null));
        local.mandates.add(new Mandate(BRIN, LAS, OLD, FROM, null));
        local.endpoints.add(endpoint("0000000700004HR00003", BRIN, "02", LAS, SV));
        local.endpoints.add(endpoint("0000000700004HR00002", BRIN, null, LAS, OLD));
        local.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, LAS, SV));

        ConnectionReport report = new RoutingRules(local).checkConnection(BRIN, null, DAY);

        assertThat(report.mandates()).containsExactly(
                new ConnectionReport.MandateInfo(LAS, "LAS B.V.", OLD, FROM, null),
                new ConnectionReport.MandateInfo(LAS, "LAS B.V.", SV, FROM, null),
                new ConnectionReport.MandateInfo(OTHER_LAS, null, SV, FROM, null));
        assertThat(report.endpoints()).extracting(ConnectionReport.EndpointInfo::routeringskenmerk)
                .containsExactly("0000000700004HR00001", "0000000700004HR00002", "0000000700004HR00003");
    }

    @Test
    void aQuestionIsAnsweredFromOneViewOfTheSource() {
        FakeSource full = FakeSource.listed();
        full.mandates.add(new Mandate(BRIN, LAS, SV, FROM, null));
        full.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, LAS, SV));
        FakeSource empty = new FakeSource();
        AtomicInteger views = new AtomicInteger();
        // every further view would be an empty registry: a question that took two would fail half-way
        RoutingRules rules = new RoutingRules(() -> views.getAndIncrement() % 2 == 0 ? full : empty);

        assertThat(rules.resolveReceiver(BRIN, null, null, SV, DAY).routeringskenmerk()).isEqualTo("0000000700004HR00001");
        assertThat(views).hasValue(1);
        assertThat(rules.checkConnection(BRIN, null, DAY).reasons()).containsExactly(GatewayErrorCode.UNKNOWN_SCHOOL);
        assertThat(rules.checkConnection(BRIN, null, DAY).connected()).isTrue();
        assertThat(views).hasValue(3);
    }

    // ---- sender authorization ----

    @Test
    void aSupplierMustBeRegisteredWhereTheSourceKeepsSuppliers() {
        FakeSource local = FakeSource.listed();
        local.mandates.add(new Mandate(BRIN, OTHER_LAS, SV, FROM, null)); // a mandate, but no supplier entry

        GatewayException e = fault(() -> new RoutingRules(local).authorizeSender(OTHER_LAS, BRIN, SV, DAY));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(e).hasMessage("supplier " + OTHER_LAS + " may not send dossiers for school 04HR: it holds no mandate"
                + " of that school for service version " + SV + " valid on 2025-03-01");
        local.suppliers.add(new Supplier(OTHER_LAS, "Andere LAS"));
        assertThatCode(() -> new RoutingRules(local).authorizeSender(OTHER_LAS, BRIN, SV, DAY)).doesNotThrowAnyException();
    }

    @Test
    void withoutASupplierListTheMandateRegistersTheSupplier() {
        FakeSource osr = FakeSource.unlisted();
        osr.mandates.add(new Mandate(BRIN, OTHER_LAS, SV, FROM, null));
        RoutingRules rules = new RoutingRules(osr);

        assertThatCode(() -> rules.authorizeSender(OTHER_LAS, BRIN, SV, DAY)).doesNotThrowAnyException();
        assertThat(fault(() -> rules.authorizeSender(LAS, BRIN, SV, DAY)).code())
                .isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
    }

    @Test
    void anUnknownSchoolIsRefusedLikeASchoolWithoutTheMandateAndNothingElseIsNamed() {
        FakeSource local = FakeSource.listed();
        local.suppliers.add(new Supplier(OTHER_LAS, "Andere LAS"));
        local.mandates.add(new Mandate(BRIN, OTHER_LAS, SV, FROM, null));
        local.endpoints.add(endpoint("0000000700004HR00001", BRIN, null, OTHER_LAS, SV));
        RoutingRules rules = new RoutingRules(local);

        GatewayException known = fault(() -> rules.authorizeSender(LAS, BRIN, SV, DAY));
        GatewayException unknown = fault(() -> rules.authorizeSender(LAS, "99ZZ", SV, DAY));

        assertThat(unknown.code()).isEqualTo(known.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(unknown.getMessage()).isEqualTo(known.getMessage().replace(BRIN, "99ZZ"));
        assertThat(known.getMessage()).doesNotContain(OTHER_LAS).doesNotContain("las.example")
                .doesNotContain("Stichting").doesNotContain("B1");
        assertThat(fault(() -> rules.authorizeSender(null, BRIN, SV, DAY))).hasMessageStartingWith(
                "an unidentified supplier may not send dossiers for school 04HR");
    }
}
