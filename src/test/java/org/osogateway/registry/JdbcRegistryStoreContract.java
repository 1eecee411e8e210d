package org.osogateway.registry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.osogateway.registry.ExampleRegistry.DEMO;
import static org.osogateway.registry.ExampleRegistry.ONTVANGER;

/** What {@link JdbcRegistryStore} must do on every supported database; subclasses supply a migrated, empty one. */
abstract class JdbcRegistryStoreContract {
    private JdbcRegistryStore store;

    /** A data source on an empty database (or schema) of its own. */
    abstract DataSource freshDataSource();

    @BeforeEach
    void migrate() {
        store = new JdbcRegistryStore(freshDataSource());
    }

    @Test
    void startsEmpty() {
        assertThat(store.load()).isEqualTo(RegistryData.empty());
    }

    @Test
    void roundTripsTheExampleRegistry() {
        RegistryData example = ExampleRegistry.load();

        store.replaceAll(example);
        RegistryData loaded = store.load();

        assertThat(loaded.boards()).containsExactlyInAnyOrderElementsOf(example.boards());
        assertThat(loaded.agreements()).containsExactlyInAnyOrderElementsOf(example.agreements());
        assertThat(loaded.schools()).containsExactlyInAnyOrderElementsOf(example.schools());
        assertThat(loaded.suppliers()).containsExactlyInAnyOrderElementsOf(example.suppliers());
        assertThat(loaded.mandates()).containsExactlyInAnyOrderElementsOf(example.mandates());
        assertThat(loaded.endpoints()).containsExactlyInAnyOrderElementsOf(example.endpoints());
        // open end dates and school-wide endpoints survive as nulls
        assertThat(loaded.endpoints()).anyMatch(e -> e.vestiging() == null && e.validTo() == null);
        assertThat(loaded.endpoints()).anyMatch(e -> "01".equals(e.vestiging()));
    }

    @Test
    void replaceAllReplacesTheWholeContent() {
        store.replaceAll(ExampleRegistry.load());
        RegistryData small = new RegistryData(
                List.of(new Board("B-KLEIN", "Stichting Klein")),
                List.of(new Agreement("B-KLEIN", LocalDate.of(2021, 8, 1), LocalDate.of(2031, 7, 31))),
                List.of(new School("10KL", "Kleine School", "B-KLEIN", java.util.Set.of("00"))),
                List.of(new Supplier(ONTVANGER, "Demo LAS Ontvanger B.V.")),
                List.of(new Mandate("10KL", ONTVANGER, DEMO, LocalDate.of(2021, 8, 1), null)),
                List.of(new Endpoint("0000000700010KL00001", "10KL", "00", ONTVANGER, DEMO, "https://las.example/oso",
                        LocalDate.of(2021, 8, 1), null)));

        store.replaceAll(small);

        assertThat(store.load()).isEqualTo(small);
    }

    @Test
    void aFailedReplaceKeepsTheOldContent() {
        RegistryData example = ExampleRegistry.load();
        store.replaceAll(example);
        // an endpoint of a school that is not there breaks a foreign key half-way through the inserts
        List<Endpoint> endpoints = new ArrayList<>(example.endpoints());
        endpoints.add(new Endpoint("0000000700099ZZ00001", "99ZZ", null, ONTVANGER, DEMO, "https://las.example/oso",
                LocalDate.of(2021, 8, 1), null));
        RegistryData broken = new RegistryData(example.boards(), example.agreements(), example.schools(),
                example.suppliers(), example.mandates(), endpoints);

        assertThatThrownBy(() -> store.replaceAll(broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot store the registry");

        assertThat(store.load().endpoints()).containsExactlyInAnyOrderElementsOf(example.endpoints());
        assertThat(store.load().schools()).hasSize(example.schools().size());
    }
}
