package org.osogateway.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.osogateway.registry.RuleFinding.Kind.CONFLICT;
import static org.osogateway.registry.RuleFinding.Kind.INVALID;

/** The validator's typed findings: rule, kind and field per problem (the messages are RegistryFileLoaderTest's). */
class RegistryValidatorTest {
    private final RegistryValidator validator = new RegistryValidator();

    @Test
    void wrongValuesAreInvalidFormatsNamingTheirField() {
        assertThat(findings("invalid-formats.yaml")).extracting(RuleFinding::rule, RuleFinding::kind, RuleFinding::field)
                .containsExactly(tuple("FORMAT", INVALID, "oin"), tuple("FORMAT", INVALID, "brin"),
                        tuple("FORMAT", INVALID, "vestiging"), tuple("FORMAT", INVALID, "routeringskenmerk"),
                        tuple("FORMAT", INVALID, "url"));
    }

    @Test
    void rulesBetweenEntriesAreConflicts() {
        assertThat(findings("invalid-references.yaml")).extracting(RuleFinding::rule, RuleFinding::kind, RuleFinding::field)
                .containsExactly(tuple("REFERENCE", CONFLICT, "board"), tuple("REFERENCE", CONFLICT, "supplier"),
                        tuple("REFERENCE", CONFLICT, "vestiging"));
        assertThat(findings("invalid-r4-no-mandate.yaml")).extracting(RuleFinding::rule, RuleFinding::kind)
                .containsExactly(tuple("R4", CONFLICT));
        assertThat(findings("invalid-r4-outlives-mandate.yaml")).extracting(RuleFinding::rule).containsExactly("R4");
        assertThat(findings("invalid-r5-shared-routeringskenmerk.yaml"))
                .extracting(RuleFinding::rule, RuleFinding::kind, RuleFinding::field)
                .containsExactly(tuple("R5", CONFLICT, "routeringskenmerk"));
    }

    @Test
    void duplicatesPeriodsNamesAndServiceVersions() {
        LocalDate from = LocalDate.of(2020, 1, 1);
        RegistryData data = new RegistryData(
                List.of(new Board("B1", "Stichting"), new Board("B1", " ")),
                List.of(new Agreement("B1", from, from.minusDays(1))),
                List.of(new School("02CC", "School", "B1", Set.of())),
                List.of(new Supplier("00000003000000000002", "LAS")),
                List.of(new Mandate("02CC", "00000003000000000002", "not a namespace", from, null)),
                List.of());

        assertThat(validator.validate(data)).containsExactly(
                RuleFinding.invalid("FORMAT", "name", "board B1: name is empty"),
                RuleFinding.conflict("UNIQUE", "id", "board B1: id used twice"),
                RuleFinding.invalid("PERIOD", "validTo", "board B1 agreement from 2020-01-01: validTo 2019-12-31"
                        + " is before validFrom 2020-01-01"),
                RuleFinding.invalid("FORMAT", "serviceVersion", "school 02CC mandate of supplier 00000003000000000002"
                        + " for service version not a namespace from 2020-01-01: service version not a namespace"
                        + " is not a namespace URI"));
    }

    @Test
    void theExceptionCarriesTheFindingsAndPrefixesOnlyItsMessages() {
        InvalidRegistryException e = refusal("invalid-r5-shared-routeringskenmerk.yaml");

        assertThat(e.findings()).hasSize(1);
        assertThat(e.errors()).containsExactly("registry file " + file("invalid-r5-shared-routeringskenmerk.yaml") + ": "
                + e.findings().get(0).message());
        assertThat(e).hasMessage(e.errors().get(0));
    }

    private List<RuleFinding> findings(String name) {
        return refusal(name).findings();
    }

    private static InvalidRegistryException refusal(String name) {
        return catchThrowableOfType(InvalidRegistryException.class, () -> new RegistryFileLoader().load(file(name)));
    }

    private static Path file(String name) {
        return Path.of("src/test/resources/registry", name);
    }
}
