package org.osogateway.registry;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** R4: when mandates cover an endpoint, on a day and over its whole period. */
class MandateCoverageTest {
    static final String LAS = "00000003000000000002";
    static final String V1 = "urn:x:v1";
    static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JUN_30 = LocalDate.of(2024, 6, 30);
    static final Endpoint ENDPOINT = new Endpoint("0000000700002CC00001", "02CC", "01", LAS, V1, "https://las.example/oso",
            JAN_1, null);

    static Mandate mandate(String brin, String supplier, String version, LocalDate from, LocalDate to) {
        return new Mandate(brin, supplier, version, from, to);
    }

    @Test
    void onADayOnlyAValidMandateOfTheSameSchoolSupplierAndVersionCovers() {
        Mandate own = mandate("02CC", LAS, V1, JAN_1, JUN_30);
        assertThat(MandateCoverage.coversOn(ENDPOINT, List.of(own), JUN_30)).isTrue();
        assertThat(MandateCoverage.coversOn(ENDPOINT, List.of(own), JUN_30.plusDays(1))).isFalse();
        assertThat(MandateCoverage.coversOn(ENDPOINT, List.of(own), JAN_1.minusDays(1))).isFalse();
        assertThat(MandateCoverage.coversOn(ENDPOINT, List.of(
                mandate("03DD", LAS, V1, JAN_1, null),
                mandate("02CC", "00000003000000000003", V1, JAN_1, null),
                mandate("02CC", LAS, "urn:x:v2", JAN_1, null)), JAN_1)).isFalse();
    }

    @Test
    void overItsPeriodRenewalsBackToBackCoverAndAGapDoesNot() {
        Mandate first = mandate("02CC", LAS, V1, JAN_1, JUN_30);
        assertThat(MandateCoverage.firstUncoveredDay(ENDPOINT, List.of(first))).contains(JUN_30.plusDays(1));
        assertThat(MandateCoverage.firstUncoveredDay(ENDPOINT, List.of(first,
                mandate("02CC", LAS, V1, JUN_30.plusDays(1), null)))).isEmpty();
        assertThat(MandateCoverage.firstUncoveredDay(ENDPOINT, List.of(first,
                mandate("02CC", LAS, V1, JUN_30.plusDays(2), null)))).contains(JUN_30.plusDays(1));
        assertThat(MandateCoverage.firstUncoveredDay(ENDPOINT, List.of(mandate("02CC", LAS, V1, JAN_1.plusDays(1), null))))
                .contains(JAN_1);
    }

    @Test
    void anEndpointThatEndsWithinItsMandateIsCovered() {
        Endpoint ending = new Endpoint("0000000700002CC00001", "02CC", null, LAS, V1, "https://las.example/oso",
                JAN_1, JUN_30);
        assertThat(MandateCoverage.firstUncoveredDay(ending, List.of(mandate("02CC", LAS, V1, JAN_1, JUN_30)))).isEmpty();
        // of overlapping mandates the longest one counts
        assertThat(MandateCoverage.firstUncoveredDay(ENDPOINT, List.of(mandate("02CC", LAS, V1, JAN_1, JUN_30),
                mandate("02CC", LAS, V1, JAN_1, null)))).isEmpty();
    }
}
