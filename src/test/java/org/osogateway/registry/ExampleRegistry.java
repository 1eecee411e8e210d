package org.osogateway.registry;

import java.nio.file.Path;
import java.time.LocalDate;

/** The example registry shipped in config/, shared by the tests. */
final class ExampleRegistry {
    static final Path FILE = Path.of("config/registry-example.yaml");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final String DEMO = "urn:oso-gateway:demo:dossier:v1";
    static final String OSO_2019 = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    static final String OSO_2017 = "http://www.edustandaard.nl/oso_gegevensset/2017/dossier";
    static final String ZENDER = "00000003000000000001";
    static final String ONTVANGER = "00000003000000000002";
    static final String DERDE = "00000003000000000003";

    private ExampleRegistry() {
    }

    static RegistryData load() {
        return new RegistryFileLoader().load(FILE);
    }
}
