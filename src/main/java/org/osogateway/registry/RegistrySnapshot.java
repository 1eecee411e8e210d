package org.osogateway.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable, indexed view of one {@link RegistryData}: built once, then only read, so it needs no locks. */
final class RegistrySnapshot {
    private final Map<String, School> schoolsByBrin = new HashMap<>();
    private final Map<String, Board> boardsById = new HashMap<>();
    private final Map<String, Supplier> suppliersByOin = new HashMap<>();
    private final Map<String, List<Agreement>> agreementsByBoard;
    private final Map<String, List<Mandate>> mandatesByBrin;
    private final Map<String, List<Endpoint>> endpointsByBrin;
    private final Map<String, Endpoint> endpointsByRouteringskenmerk = new HashMap<>();

    RegistrySnapshot(RegistryData data) {
        data.schools().forEach(s -> schoolsByBrin.put(s.brin(), s));
        data.boards().forEach(b -> boardsById.put(b.id(), b));
        data.suppliers().forEach(s -> suppliersByOin.put(s.oin(), s));
        data.endpoints().forEach(e -> endpointsByRouteringskenmerk.put(e.routeringskenmerk(), e));
        // sorted once here so every answer lists entries in the same order
        agreementsByBoard = group(data.agreements(), Agreement::boardId,
                Comparator.comparing(Agreement::validFrom));
        mandatesByBrin = group(data.mandates(), Mandate::brin, Comparator.comparing(Mandate::serviceVersion)
                .thenComparing(Mandate::supplierOin).thenComparing(Mandate::validFrom));
        endpointsByBrin = group(data.endpoints(), Endpoint::brin, Comparator.comparing(Endpoint::routeringskenmerk));
    }

    Optional<School> school(String brin) {
        return Optional.ofNullable(brin == null ? null : schoolsByBrin.get(brin));
    }

    Optional<Board> board(String id) {
        return Optional.ofNullable(boardsById.get(id));
    }

    Optional<Supplier> supplier(String oin) {
        return Optional.ofNullable(suppliersByOin.get(oin));
    }

    Optional<Endpoint> endpoint(String routeringskenmerk) {
        return Optional.ofNullable(routeringskenmerk == null ? null : endpointsByRouteringskenmerk.get(routeringskenmerk));
    }

    List<Agreement> agreements(String boardId) {
        return agreementsByBoard.getOrDefault(boardId, List.of());
    }

    List<Mandate> mandates(String brin) {
        return mandatesByBrin.getOrDefault(brin, List.of());
    }

    List<Endpoint> endpoints(String brin) {
        return endpointsByBrin.getOrDefault(brin, List.of());
    }

    private static <T> Map<String, List<T>> group(List<T> items, java.util.function.Function<T, String> key,
                                                  Comparator<T> order) {
        Map<String, List<T>> grouped = new HashMap<>();
        for (T item : items) {
            grouped.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        grouped.replaceAll((k, list) -> list.stream().sorted(order).toList());
        return grouped;
    }
}
