package org.osogateway.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, indexed view of one {@link RegistryData}: built once, then only read, so it needs no locks.
 * As a {@link RegistrySource} it is the local registry: it lists schools, agreements and suppliers.
 */
final class RegistrySnapshot implements RegistrySource {
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

    @Override
    public String name() {
        return "the local registry";
    }

    @Override
    public boolean listsSchools() {
        return true;
    }

    @Override
    public Optional<School> school(String brin) {
        return Optional.ofNullable(brin == null ? null : schoolsByBrin.get(brin));
    }

    @Override
    public Optional<Board> board(String id) {
        return Optional.ofNullable(id == null ? null : boardsById.get(id));
    }

    @Override
    public boolean knowsAgreements() {
        return true;
    }

    @Override
    public List<Agreement> agreements(String boardId) {
        return agreementsByBoard.getOrDefault(boardId, List.of());
    }

    /** Every mandate of the school; the date does not narrow a local answer. */
    @Override
    public List<Mandate> mandates(String brin, LocalDate date) {
        return mandatesByBrin.getOrDefault(brin, List.of());
    }

    @Override
    public List<Endpoint> endpoints(String brin, String serviceVersion, LocalDate date) {
        return endpointsByBrin.getOrDefault(brin, List.of()).stream()
                .filter(e -> e.serviceVersion().equals(serviceVersion)).toList();
    }

    /** The endpoint by its routeringskenmerk, whatever its version and period. */
    @Override
    public Optional<Endpoint> endpoint(String routeringskenmerk, String serviceVersion, LocalDate date) {
        return Optional.ofNullable(routeringskenmerk == null ? null : endpointsByRouteringskenmerk.get(routeringskenmerk));
    }

    @Override
    public boolean knowsSuppliers() {
        return true;
    }

    @Override
    public Optional<Supplier> supplier(String oin) {
        return Optional.ofNullable(oin == null ? null : suppliersByOin.get(oin));
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
