package org.osogateway.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.osogateway.fault.GatewayErrorCode.AMBIGUOUS_ROUTE;
import static org.osogateway.fault.GatewayErrorCode.NO_AGREEMENT;
import static org.osogateway.fault.GatewayErrorCode.NO_ENDPOINT;
import static org.osogateway.fault.GatewayErrorCode.NO_MANDATE;
import static org.osogateway.fault.GatewayErrorCode.UNKNOWN_SCHOOL;
import static org.osogateway.registry.ExampleRegistry.DEMO;
import static org.osogateway.registry.ExampleRegistry.DERDE;
import static org.osogateway.registry.ExampleRegistry.ONTVANGER;
import static org.osogateway.registry.ExampleRegistry.OSO_2017;
import static org.osogateway.registry.ExampleRegistry.OSO_2019;
import static org.osogateway.registry.ExampleRegistry.TODAY;
import static org.osogateway.registry.ExampleRegistry.ZENDER;

/** The routing rules over the local snapshot: the example registry, and refreshing it. */
class LocalRegistrySourceTest {
    private static final String LAS_URL = "http://localhost:8089/las/oso/v1";
    private final RoutingRegistry registry = new LocalRegistrySource(ExampleRegistry.load()).rules();

    // ---- resolveReceiver ----

    @Test
    void resolvesTheEndpointForEachServiceVersion() {
        assertThat(registry.resolveReceiver("01AB", null, null, DEMO, TODAY))
                .isEqualTo(new ResolvedEndpoint("0000000700001AB00001", "01AB", null, ONTVANGER, DEMO, LAS_URL));
        assertThat(registry.resolveReceiver("01AB", "00", null, OSO_2019, TODAY).routeringskenmerk())
                .isEqualTo("0000000700001AB00002");
        assertThat(registry.resolveReceiver("01AB", null, "0000000700001AB00003", OSO_2017, TODAY).routeringskenmerk())
                .isEqualTo("0000000700001AB00003");
    }

    @Test
    void unknownSchoolOrBranch() {
        assertFault(() -> registry.resolveReceiver("99ZZ", null, null, DEMO, TODAY), UNKNOWN_SCHOOL,
                "receiver school 99ZZ is not in the registry");
        assertFault(() -> registry.resolveReceiver("01AB", "05", null, DEMO, TODAY), UNKNOWN_SCHOOL,
                "receiver school 01AB has no vestiging 05");
    }

    @Test
    void boardWithoutAgreement() {
        assertFault(() -> registry.resolveReceiver("03EF", null, null, DEMO, TODAY), NO_AGREEMENT,
                "receiver school 03EF: its board B-ZONDER (Stichting Zonder Overeenkomst) has no OSO agreement"
                        + " valid on 2026-11-29");
    }

    @Test
    void anEndedAgreementHoldsUpToAndIncludingItsEndDate() {
        assertThat(registry.resolveReceiver("07NP", null, null, DEMO, LocalDate.of(2023, 12, 31)).routeringskenmerk())
                .isEqualTo("0000000700007NP00001");
        assertFault(() -> registry.resolveReceiver("07NP", null, null, DEMO, LocalDate.of(2024, 1, 1)), NO_AGREEMENT,
                "receiver school 07NP: its board B-BEEINDIGD (Stichting Beeindigd) has no OSO agreement valid on 2024-01-01");
        assertFault(() -> registry.resolveReceiver("07NP", null, null, DEMO, TODAY), NO_AGREEMENT, null);
    }

    @Test
    void schoolWithoutMandate() {
        assertFault(() -> registry.resolveReceiver("04GH", null, null, DEMO, TODAY), NO_MANDATE,
                "receiver school 04GH has no mandate of any LAS valid on 2026-11-29");
    }

    @Test
    void aReceiverWithoutEndpointForTheVersionSaysWhatItAccepts() {
        assertFault(() -> registry.resolveReceiver("02CD", null, null, OSO_2017, TODAY), NO_ENDPOINT,
                "receiver school 02CD has no endpoint for service version " + OSO_2017
                        + " on 2026-11-29; it accepts: " + OSO_2019 + ", " + DEMO);
        assertThat(registry.resolveReceiver("02CD", null, null, OSO_2019, TODAY).routeringskenmerk())
                .isEqualTo("0000000700002CD00002");
    }

    @Test
    void mandateWithoutEndpoint() {
        assertFault(() -> registry.resolveReceiver("05JK", null, null, DEMO, TODAY), NO_ENDPOINT,
                "receiver school 05JK has no endpoint for service version " + DEMO + " on 2026-11-29; it accepts: none");
    }

    @Test
    void noEndpointNamesTheVersionsTheBranchAccepts() {
        // 09ST has a 2019 endpoint for vestiging 01 only, and no school-wide one to fall back on
        assertFault(() -> registry.resolveReceiver("09ST", "02", null, OSO_2019, TODAY), NO_ENDPOINT,
                "receiver school 09ST vestiging 02 has no endpoint for service version " + OSO_2019
                        + " on 2026-11-29; it accepts: " + DEMO);
    }

    @Test
    void twoEndpointsAreAmbiguousUntilARouteringskenmerkPicksOne() {
        assertFault(() -> registry.resolveReceiver("06LM", null, null, DEMO, TODAY), AMBIGUOUS_ROUTE,
                "receiver school 06LM has 2 endpoints for service version " + DEMO
                        + "; pick one with a routeringskenmerk: 0000000700006LM00001, 0000000700006LM00002");
        assertFault(() -> registry.resolveReceiver("06LM", "01", null, DEMO, TODAY), AMBIGUOUS_ROUTE, null);

        assertThat(registry.resolveReceiver("06LM", null, "0000000700006LM00001", DEMO, TODAY).supplierOin())
                .isEqualTo(ONTVANGER);
        assertThat(registry.resolveReceiver("06LM", "01", "0000000700006LM00002", DEMO, TODAY).supplierOin())
                .isEqualTo(DERDE);
    }

    @Test
    void aRouteringskenmerkMustNameACandidate() {
        // the 2019 endpoint of 01AB does not take demo dossiers
        assertFault(() -> registry.resolveReceiver("01AB", null, "0000000700001AB00002", DEMO, TODAY), NO_ENDPOINT,
                "receiver school 01AB has no endpoint with routeringskenmerk 0000000700001AB00002 for service version "
                        + DEMO + " on 2026-11-29");
        assertFault(() -> registry.resolveReceiver("01AB", null, "0000000700002CD00001", DEMO, TODAY), NO_ENDPOINT,
                "receiver school 01AB has no endpoint with routeringskenmerk 0000000700002CD00001 for service version "
                        + DEMO + " on 2026-11-29 (it belongs to school 02CD)");
        assertFault(() -> registry.resolveReceiver("01AB", null, "00000000000000000000", DEMO, TODAY), NO_ENDPOINT, null);
    }

    @Test
    void aBranchUsesItsOwnEndpointElseTheSchoolWideOne() {
        assertThat(registry.resolveReceiver("09ST", "01", null, DEMO, TODAY).routeringskenmerk())
                .isEqualTo("0000000700009ST00001");
        assertThat(registry.resolveReceiver("09ST", "02", null, DEMO, TODAY))
                .isEqualTo(new ResolvedEndpoint("0000000700009ST00002", "09ST", null, ONTVANGER, DEMO, LAS_URL));
        assertThat(registry.resolveReceiver("09ST", "00", null, DEMO, TODAY).routeringskenmerk())
                .isEqualTo("0000000700009ST00002");
        // without a vestiging every endpoint of the school is a candidate
        assertFault(() -> registry.resolveReceiver("09ST", null, null, DEMO, TODAY), AMBIGUOUS_ROUTE, null);
        assertThat(registry.resolveReceiver("09ST", null, null, OSO_2019, TODAY).vestiging()).isEqualTo("01");
    }

    @Test
    void anEndedMandateEndsItsEndpoint() {
        assertThat(registry.resolveReceiver("08QR", null, null, DEMO, LocalDate.of(2024, 1, 1)).routeringskenmerk())
                .isEqualTo("0000000700008QR00001");
        assertThat(registry.resolveReceiver("08QR", null, null, DEMO, LocalDate.of(2024, 6, 30)).routeringskenmerk())
                .isEqualTo("0000000700008QR00001");
        assertFault(() -> registry.resolveReceiver("08QR", null, null, DEMO, TODAY), NO_MANDATE,
                "receiver school 08QR has no mandate of any LAS valid on 2026-11-29");
    }

    @Test
    void nothingIsValidBeforeItStarts() {
        assertFault(() -> registry.resolveReceiver("01AB", null, null, DEMO, LocalDate.of(2019, 12, 31)), NO_AGREEMENT, null);
    }

    @Test
    void faultsComeInTheOrderSchoolAgreementMandateEndpoint() {
        // one school that breaks every rule at once
        RoutingRegistry broken = new LocalRegistrySource(new RegistryData(
                List.of(new Board("B-LEEG", "Stichting Leeg")), List.of(),
                List.of(new School("11AA", "Alles Mis", "B-LEEG", Set.of("00"))),
                List.of(), List.of(), List.of())).rules();

        assertFault(() -> broken.resolveReceiver("11AA", "09", null, DEMO, TODAY), UNKNOWN_SCHOOL, null);
        assertFault(() -> broken.resolveReceiver("11AA", "00", null, DEMO, TODAY), NO_AGREEMENT, null);
        assertFault(() -> broken.checkSender("11AA", "09", null, DEMO, TODAY), UNKNOWN_SCHOOL, null);
        assertFault(() -> broken.checkSender("11AA", null, null, DEMO, TODAY), NO_AGREEMENT, null);
        assertThat(broken.checkConnection("11AA", null, TODAY).reasons()).containsExactly(NO_AGREEMENT, NO_MANDATE);
        // with an agreement, the mandate comes next; 05JK shows the endpoint last
        assertFault(() -> registry.resolveReceiver("04GH", null, null, DEMO, TODAY), NO_MANDATE, null);
    }

    // ---- checkSender ----

    @Test
    void aSenderNeedsAMandateOfItsOwnSupplier() {
        assertThatCode(() -> registry.checkSender("00YY", "01", ZENDER, OSO_2019, TODAY)).doesNotThrowAnyException();
        assertThatCode(() -> registry.checkSender("00YY", null, null, DEMO, TODAY)).doesNotThrowAnyException();
        // a sender needs no endpoint
        assertThatCode(() -> registry.checkSender("05JK", null, ONTVANGER, DEMO, TODAY)).doesNotThrowAnyException();

        assertFault(() -> registry.checkSender("00YY", null, ONTVANGER, DEMO, TODAY), NO_MANDATE,
                "sender school 00YY has no mandate of supplier " + ONTVANGER + " for service version " + DEMO
                        + " valid on 2026-11-29");
        assertFault(() -> registry.checkSender("04GH", null, null, DEMO, TODAY), NO_MANDATE,
                "sender school 04GH has no mandate of any LAS for service version " + DEMO + " valid on 2026-11-29");
        assertFault(() -> registry.checkSender("02CD", null, ONTVANGER, OSO_2017, TODAY), NO_MANDATE, null);
    }

    @Test
    void senderFaultsSaySender() {
        assertFault(() -> registry.checkSender("99ZZ", null, ZENDER, DEMO, TODAY), UNKNOWN_SCHOOL,
                "sender school 99ZZ is not in the registry");
        assertFault(() -> registry.checkSender("00YY", "02", ZENDER, DEMO, TODAY), UNKNOWN_SCHOOL,
                "sender school 00YY has no vestiging 02");
        assertFault(() -> registry.checkSender("03EF", null, ONTVANGER, DEMO, TODAY), NO_AGREEMENT,
                "sender school 03EF: its board B-ZONDER (Stichting Zonder Overeenkomst) has no OSO agreement valid on 2026-11-29");
        assertFault(() -> registry.checkSender("08QR", null, ONTVANGER, DEMO, TODAY), NO_MANDATE, null);
        assertThatCode(() -> registry.checkSender("08QR", null, ONTVANGER, DEMO, LocalDate.of(2024, 1, 1)))
                .doesNotThrowAnyException();
    }

    // ---- checkConnection ----

    @Test
    void aConnectedSchool() {
        ConnectionReport report = registry.checkConnection("01AB", null, TODAY);

        assertThat(report.connected()).isTrue();
        assertThat(report.reasons()).isEmpty();
        assertThat(report.brin()).isEqualTo("01AB");
        assertThat(report.referenceDate()).isEqualTo(TODAY);
        assertThat(report.agreement()).isEqualTo(new ConnectionReport.AgreementStatus(true, "B-VOORBEELD",
                "Stichting Voorbeeldscholen", LocalDate.of(2020, 1, 1), null));
        assertThat(report.mandates()).containsExactly(
                new ConnectionReport.MandateInfo(ONTVANGER, "Demo LAS Ontvanger B.V.", OSO_2017, LocalDate.of(2020, 1, 1), null),
                new ConnectionReport.MandateInfo(ONTVANGER, "Demo LAS Ontvanger B.V.", OSO_2019, LocalDate.of(2020, 1, 1), null),
                new ConnectionReport.MandateInfo(ONTVANGER, "Demo LAS Ontvanger B.V.", DEMO, LocalDate.of(2020, 1, 1), null));
        assertThat(report.endpoints()).containsExactly(
                new ConnectionReport.EndpointInfo("0000000700001AB00001", ONTVANGER, null, DEMO, LocalDate.of(2020, 1, 1), null),
                new ConnectionReport.EndpointInfo("0000000700001AB00002", ONTVANGER, null, OSO_2019, LocalDate.of(2020, 1, 1), null),
                new ConnectionReport.EndpointInfo("0000000700001AB00003", ONTVANGER, null, OSO_2017, LocalDate.of(2020, 1, 1), null));
    }

    @Test
    void theReportNeverDisclosesTheUrl() {
        assertThat(Arrays.stream(ConnectionReport.EndpointInfo.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("routeringskenmerk", "supplierOin", "vestiging", "serviceVersion", "validFrom", "validTo");
    }

    @Test
    void reasonsForEachProblemSchool() {
        assertThat(reasons("99ZZ", null, TODAY)).containsExactly(UNKNOWN_SCHOOL);
        assertThat(reasons("01AB", "07", TODAY)).containsExactly(UNKNOWN_SCHOOL);
        assertThat(reasons("03EF", null, TODAY)).containsExactly(NO_AGREEMENT);
        assertThat(reasons("04GH", null, TODAY)).containsExactly(NO_MANDATE);
        assertThat(reasons("05JK", null, TODAY)).containsExactly(NO_ENDPOINT);
        assertThat(reasons("07NP", null, TODAY)).containsExactly(NO_AGREEMENT);
        assertThat(reasons("08QR", null, TODAY)).containsExactly(NO_MANDATE);
        // several endpoints are a routing question, not a connection problem
        assertThat(reasons("06LM", null, TODAY)).isEmpty();
        assertThat(reasons("02CD", null, TODAY)).isEmpty();
        assertThat(reasons("00YY", "01", TODAY)).isEmpty();
    }

    @Test
    void anUnknownSchoolReportsNothingElse() {
        ConnectionReport report = registry.checkConnection("99ZZ", null, TODAY);

        assertThat(report.connected()).isFalse();
        assertThat(report.agreement()).isEqualTo(new ConnectionReport.AgreementStatus(false, null, null, null, null));
        assertThat(report.mandates()).isEmpty();
        assertThat(report.endpoints()).isEmpty();
    }

    @Test
    void aSchoolWithoutAgreementStillShowsItsMandatesAndEndpoints() {
        ConnectionReport report = registry.checkConnection("03EF", null, TODAY);

        assertThat(report.connected()).isFalse();
        assertThat(report.agreement().present()).isFalse();
        assertThat(report.agreement().board()).isEqualTo("Stichting Zonder Overeenkomst");
        assertThat(report.mandates()).extracting(ConnectionReport.MandateInfo::supplierOin).containsExactly(ONTVANGER);
        assertThat(report.endpoints()).extracting(ConnectionReport.EndpointInfo::routeringskenmerk)
                .containsExactly("0000000700003EF00001");
    }

    @Test
    void connectionIsDateEffective() {
        ConnectionReport before = registry.checkConnection("08QR", null, LocalDate.of(2024, 1, 1));
        assertThat(before.connected()).isTrue();
        assertThat(before.mandates()).extracting(ConnectionReport.MandateInfo::validTo).containsExactly(LocalDate.of(2024, 6, 30));
        assertThat(before.endpoints()).extracting(ConnectionReport.EndpointInfo::validTo).containsExactly(LocalDate.of(2024, 6, 30));

        ConnectionReport after = registry.checkConnection("08QR", null, TODAY);
        assertThat(after.connected()).isFalse();
        assertThat(after.mandates()).isEmpty();
        assertThat(after.endpoints()).isEmpty();

        assertThat(registry.checkConnection("07NP", null, LocalDate.of(2023, 6, 1)).connected()).isTrue();
        assertThat(registry.checkConnection("07NP", null, TODAY).agreement().present()).isFalse();
    }

    @Test
    void aBranchShowsTheEndpointsItWouldUse() {
        assertThat(registry.checkConnection("09ST", "02", TODAY).endpoints())
                .extracting(ConnectionReport.EndpointInfo::routeringskenmerk).containsExactly("0000000700009ST00002");
        assertThat(registry.checkConnection("09ST", "01", TODAY).endpoints())
                .extracting(ConnectionReport.EndpointInfo::routeringskenmerk)
                .containsExactlyInAnyOrder("0000000700009ST00001", "0000000700009ST00003");
    }

    // ---- acceptedServiceVersions ----

    @Test
    void acceptedServiceVersions() {
        assertThat(registry.acceptedServiceVersions("01AB", TODAY)).containsExactly(OSO_2017, OSO_2019, DEMO);
        assertThat(registry.acceptedServiceVersions("02CD", TODAY)).containsExactly(OSO_2019, DEMO);
        assertThat(registry.acceptedServiceVersions("05JK", TODAY)).isEmpty();
        assertThat(registry.acceptedServiceVersions("03EF", TODAY)).isEmpty();
        assertThat(registry.acceptedServiceVersions("99ZZ", TODAY)).isEmpty();
        assertThat(registry.acceptedServiceVersions("08QR", LocalDate.of(2024, 1, 1))).containsExactly(DEMO);
        assertThat(registry.acceptedServiceVersions("08QR", TODAY)).isEmpty();
    }

    // ---- refresh ----

    @Test
    void refreshSwapsTheWholeRegistry() {
        LocalRegistrySource local = new LocalRegistrySource(ExampleRegistry.load());
        RoutingRegistry rules = local.rules();

        local.refresh(RegistryData.empty());

        assertFault(() -> rules.resolveReceiver("01AB", null, null, DEMO, TODAY), UNKNOWN_SCHOOL, null);
        local.refresh(ExampleRegistry.load());
        assertThat(rules.checkConnection("01AB", null, TODAY).connected()).isTrue();
    }

    @Test
    void refreshRefusesInvalidDataAndKeepsTheCurrentOne() {
        LocalRegistrySource local = new LocalRegistrySource(ExampleRegistry.load());
        RegistryData orphan = new RegistryData(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new Endpoint("0000000700099ZZ00001", "99ZZ", null, ONTVANGER, DEMO, LAS_URL, TODAY, null)));

        InvalidRegistryException e = catchThrowableOfType(InvalidRegistryException.class, () -> local.refresh(orphan));

        assertThat(e.errors()).contains("registry: school 99ZZ endpoint 0000000700099ZZ00001: unknown school (R5)");
        assertThat(local.rules().checkConnection("01AB", null, TODAY).connected()).isTrue();
    }

    @Test
    void readersSeeOneWholeSnapshotWhileRefreshing() throws Exception {
        LocalRegistrySource local = new LocalRegistrySource(ExampleRegistry.load());
        RoutingRegistry rules = local.rules();
        RegistryData example = ExampleRegistry.load();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                while (!stop.get()) {
                    local.refresh(RegistryData.empty());
                    local.refresh(example);
                }
            });
            List<Future<Integer>> readers = List.of(pool.submit(() -> read(rules, stop)), pool.submit(() -> read(rules, stop)));
            Thread.sleep(300);
            stop.set(true);
            writer.get(5, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(5, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Either the whole example (resolves) or the empty registry (unknown school); never anything in between. */
    private static int read(RoutingRegistry local, AtomicBoolean stop) {
        int reads = 0;
        while (!stop.get()) {
            try {
                assertThat(local.resolveReceiver("01AB", null, null, DEMO, TODAY).routeringskenmerk())
                        .isEqualTo("0000000700001AB00001");
            } catch (GatewayException e) {
                assertThat(e.code()).isEqualTo(UNKNOWN_SCHOOL);
            }
            reads++;
        }
        return reads;
    }

    private List<GatewayErrorCode> reasons(String brin, String vestiging, LocalDate date) {
        ConnectionReport report = registry.checkConnection(brin, vestiging, date);
        assertThat(report.connected()).isEqualTo(report.reasons().isEmpty());
        return report.reasons();
    }

    private static void assertFault(Executable call, GatewayErrorCode code, String message) {
        GatewayException e = catchThrowableOfType(GatewayException.class, call::execute);
        assertThat(e).as("expected a GatewayException %s", code).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        if (message != null) {
            assertThat(e).hasMessage(message);
        }
    }
}
