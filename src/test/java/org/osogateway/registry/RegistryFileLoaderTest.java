package org.osogateway.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.osogateway.registry.ExampleRegistry.DEMO;
import static org.osogateway.registry.ExampleRegistry.ONTVANGER;
import static org.osogateway.registry.ExampleRegistry.OSO_2017;
import static org.osogateway.registry.ExampleRegistry.OSO_2019;

class RegistryFileLoaderTest {
    private final RegistryFileLoader loader = new RegistryFileLoader();

    @Test
    void loadsTheExampleRegistryWithAliasesResolved() {
        RegistryData data = ExampleRegistry.load();

        assertThat(data.boards()).extracting(Board::id).containsExactly("B-VOORBEELD", "B-ZONDER", "B-BEEINDIGD");
        assertThat(data.agreements()).containsExactly(
                new Agreement("B-VOORBEELD", LocalDate.of(2020, 1, 1), null),
                new Agreement("B-BEEINDIGD", LocalDate.of(2019, 1, 1), LocalDate.of(2023, 12, 31)));
        assertThat(data.suppliers()).extracting(Supplier::oin)
                .containsExactly("00000003000000000001", "00000003000000000002", "00000003000000000003");
        assertThat(data.schools()).extracting(School::brin)
                .containsExactly("00YY", "01AB", "02CD", "03EF", "04GH", "05JK", "06LM", "07NP", "08QR", "09ST");
        assertThat(data.schools().get(0).vestigingen()).containsExactly("00", "01");
        assertThat(data.mandates()).extracting(Mandate::serviceVersion).containsOnly(DEMO, OSO_2019, OSO_2017);
        assertThat(data.endpoints()).filteredOn(e -> e.brin().equals("01AB")).containsExactly(
                new Endpoint("0000000700001AB00001", "01AB", null, ONTVANGER, DEMO, "http://localhost:8089/las/oso/v1",
                        LocalDate.of(2020, 1, 1), null),
                new Endpoint("0000000700001AB00002", "01AB", null, ONTVANGER, OSO_2019, "http://localhost:8089/las/oso/v1",
                        LocalDate.of(2020, 1, 1), null, Endpoint.ALL_SERVICES),
                new Endpoint("0000000700001AB00003", "01AB", null, ONTVANGER, OSO_2017, "http://localhost:8089/las/oso/v1",
                        LocalDate.of(2020, 1, 1), null, Endpoint.ALL_SERVICES));
        assertThat(data.endpoints()).filteredOn(e -> e.brin().equals("09ST")).extracting(Endpoint::vestiging)
                .containsExactly("01", null, "01");
    }

    @Test
    void refusesWrongFormatsNamingEachEntry() {
        assertThat(errorsOf("invalid-formats.yaml")).containsExactly(
                prefix("invalid-formats.yaml") + "supplier 12345: OIN '12345' must be 20 letters or digits",
                prefix("invalid-formats.yaml") + "school 1AB2: BRIN '1AB2' must be 2 digits and 2 capital letters, e.g. 00YY",
                prefix("invalid-formats.yaml") + "school 02CC: vestiging 'A1' must be 2 digits, e.g. 00",
                prefix("invalid-formats.yaml") + "school 02CC endpoint KORT: routeringskenmerk 'KORT' must be 20 letters or digits",
                prefix("invalid-formats.yaml") + "school 02CC endpoint 0000000700002CC00002: url ftp://las.example/oso"
                        + " is not an absolute http(s) URL");
    }

    @Test
    void refusesUnknownBoardSupplierAndVestiging() {
        String p = prefix("invalid-references.yaml");
        assertThat(errorsOf("invalid-references.yaml")).containsExactly(
                p + "school 02CC: unknown board B-ONBEKEND",
                p + "school 02CC mandate of supplier 00000003000000000009 for service version " + DEMO
                        + " from 2020-01-01: unknown supplier 00000003000000000009",
                p + "school 02CC endpoint 0000000700002CC00001: vestiging 07 is not a branch of school 02CC");
    }

    @Test
    void refusesAnEndpointWithoutAMandateForItsServiceVersion() {
        assertThat(errorsOf("invalid-r4-no-mandate.yaml")).containsExactly(
                prefix("invalid-r4-no-mandate.yaml") + "school 02CC endpoint 0000000700002CC00001: no mandate of supplier "
                        + ONTVANGER + " for service version " + OSO_2019 + " valid on 2024-01-01 (R4)");
    }

    @Test
    void refusesAnEndpointThatOutlivesItsMandate() {
        assertThat(errorsOf("invalid-r4-outlives-mandate.yaml")).containsExactly(
                prefix("invalid-r4-outlives-mandate.yaml") + "school 02CC endpoint 0000000700002CC00001: no mandate of"
                        + " supplier " + ONTVANGER + " for service version " + DEMO
                        + " valid on 2024-07-01 (the endpoint outlives its mandate) (R4)");
    }

    @Test
    void refusesARouteringskenmerkSharedBySchools() {
        assertThat(errorsOf("invalid-r5-shared-routeringskenmerk.yaml")).containsExactly(
                prefix("invalid-r5-shared-routeringskenmerk.yaml")
                        + "school 03DD endpoint 0000000700002CC00001: routeringskenmerk used twice (R5)");
    }

    @Test
    void reportsEveryTypoAndSlipTogether() {
        String p = prefix("invalid-shape.yaml");
        InvalidRegistryException e = refusal("invalid-shape.yaml");

        assertThat(e.errors()).containsExactly(
                p + "board B-TEST: unknown key 'naam' (allowed: " + "id, name, agreements" + ")",
                p + "board B-TEST: missing key 'name'",
                p + "board B-TEST agreement 1: 'validFrom' must be a date like 2024-01-31, not '2020-13-01'",
                p + "supplier 1: 'oin' must be written in quotes, e.g. \"00\" (unquoted, YAML reads digits as a number and drops leading zeros)",
                p + "school 02CC: an item of 'vestigingen' must be written in quotes, e.g. \"00\" (unquoted, YAML reads digits as a number and drops leading zeros)",
                p + "school 02CC mandate 1: unknown key 'suplier' (allowed: "
                        + "supplier, serviceVersion, validFrom, validTo" + ")",
                p + "school 02CC mandate 1: missing key 'supplier'",
                p + "school 02CC endpoint 0000000700002CC00001: unknown service version alias 'dmeo' (known: demo)",
                p + "school 02CC endpoint 0000000700002CC00001: missing key 'url'");
        assertThat(e).hasMessage(String.join("\n", e.errors()));
    }

    @Test
    void acceptsAnEndpointCoveredByARenewedMandate() {
        RegistryData data = loader.parse("""
                boards: [{id: B-TEST, name: Stichting Test, agreements: [{validFrom: 2020-01-01}]}]
                suppliers: [{oin: "00000003000000000002", name: Demo LAS}]
                schools:
                  - brin: 02CC
                    name: Verlengd mandaat
                    board: B-TEST
                    mandates:
                      - {supplier: "00000003000000000002", serviceVersion: "urn:x:v1", validFrom: 2020-01-01, validTo: 2022-12-31}
                      - {supplier: "00000003000000000002", serviceVersion: "urn:x:v1", validFrom: 2023-01-01}
                    endpoints:
                      - {routeringskenmerk: "0000000700002CC00001", supplier: "00000003000000000002",
                         serviceVersion: "urn:x:v1", url: "https://las.example/oso", validFrom: 2021-01-01}
                """, "inline");

        assertThat(data.endpoints()).hasSize(1);
    }

    @Test
    void refusesAGapBetweenMandatesUnderOneEndpoint() {
        InvalidRegistryException e = catchThrowableOfType(InvalidRegistryException.class, () -> loader.parse("""
                boards: [{id: B-TEST, name: Stichting Test, agreements: [{validFrom: 2020-01-01}]}]
                suppliers: [{oin: "00000003000000000002", name: Demo LAS}]
                schools:
                  - brin: 02CC
                    name: Gat tussen mandaten
                    board: B-TEST
                    mandates:
                      - {supplier: "00000003000000000002", serviceVersion: "urn:x:v1", validFrom: 2020-01-01, validTo: 2022-12-31}
                      - {supplier: "00000003000000000002", serviceVersion: "urn:x:v1", validFrom: 2023-02-01}
                    endpoints:
                      - {routeringskenmerk: "0000000700002CC00001", supplier: "00000003000000000002",
                         serviceVersion: "urn:x:v1", url: "https://las.example/oso", validFrom: 2021-01-01}
                """, "inline"));

        assertThat(e.errors()).containsExactly("registry file inline: school 02CC endpoint 0000000700002CC00001:"
                + " no mandate of supplier 00000003000000000002 for service version urn:x:v1 valid on 2023-01-01"
                + " (the endpoint outlives its mandate) (R4)");
    }

    @Test
    void refusesDuplicatesAndBackwardPeriods() {
        InvalidRegistryException e = catchThrowableOfType(InvalidRegistryException.class, () -> loader.parse("""
                boards:
                  - {id: B-TEST, name: Stichting Test, agreements: [{validFrom: 2020-01-01, validTo: 2019-12-31}]}
                  - {id: B-TEST, name: Nog een keer}
                suppliers: [{oin: "00000003000000000002", name: Demo LAS}]
                schools:
                  - {brin: 02CC, name: Een, board: B-TEST}
                  - {brin: 02CC, name: Twee, board: B-TEST}
                """, "inline"));

        assertThat(e.errors()).containsExactly(
                "registry file inline: board B-TEST: id used twice",
                "registry file inline: board B-TEST agreement from 2020-01-01: validTo 2019-12-31 is before validFrom 2020-01-01",
                "registry file inline: school 02CC: BRIN used twice");
    }

    @Test
    void refusesNonYamlAndEmptyFiles() {
        assertThatThrownBy(() -> loader.parse("boards: [unclosed", "broken"))
                .isInstanceOf(InvalidRegistryException.class)
                .hasMessageStartingWith("registry file broken: not valid YAML:");
        assertThatThrownBy(() -> loader.parse("", "empty"))
                .isInstanceOf(InvalidRegistryException.class)
                .hasMessage("registry file empty: must be a mapping with boards, suppliers and schools");
        assertThatThrownBy(() -> loader.parse("colour: blue", "typo"))
                .isInstanceOf(InvalidRegistryException.class)
                .hasMessageStartingWith("registry file typo: top level: unknown key 'colour'");
    }

    @Test
    void invalidRegistryIsAnIllegalArgument() {
        assertThat(refusal("invalid-formats.yaml")).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> errorsOf(String name) {
        return refusal(name).errors();
    }

    private InvalidRegistryException refusal(String name) {
        Path file = Path.of("src/test/resources/registry", name);
        return catchThrowableOfType(InvalidRegistryException.class, () -> loader.load(file));
    }

    private static String prefix(String name) {
        return "registry file " + Path.of("src/test/resources/registry", name) + ": ";
    }

    @Test
    void aLocationIsAPathOrABuiltInClasspathResource() {
        assertThat(loader.read("classpath:config/registry-example.yaml").schools()).extracting(School::brin).contains("00YY", "01AB");
        assertThat(loader.read("config/registry-example.yaml")).isEqualTo(loader.read("classpath:config/registry-example.yaml"));
        assertThatThrownBy(() -> loader.read("classpath:config/absent.yaml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registry file not found on the classpath: config/absent.yaml");
    }
}
