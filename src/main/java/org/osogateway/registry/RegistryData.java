package org.osogateway.registry;

import java.util.List;

/** The whole registry as plain lists: what the file holds, the store keeps and the resolver indexes. */
public record RegistryData(List<Board> boards, List<Agreement> agreements, List<School> schools,
                           List<Supplier> suppliers, List<Mandate> mandates, List<Endpoint> endpoints) {
    public RegistryData {
        boards = List.copyOf(boards);
        agreements = List.copyOf(agreements);
        schools = List.copyOf(schools);
        suppliers = List.copyOf(suppliers);
        mandates = List.copyOf(mandates);
        endpoints = List.copyOf(endpoints);
    }

    /** An empty registry: every school is unknown. */
    public static RegistryData empty() {
        return new RegistryData(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
