package org.osogateway.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One entry that differs between two registries, by entity and key: created, changed, ended (its
 * {@code validTo} was set or brought forward, nothing else changed) or removed (only an import that
 * leaves an entry out removes it; the admin API never does).
 */
public record RegistryChange(String entity, String key, Kind kind, String before, String after) {
    public enum Kind { CREATED, CHANGED, ENDED, REMOVED }

    /** One line for reports and the audit trail: no personal data, registry entries only. */
    public String summary() {
        return kind.name().toLowerCase() + " " + entity + " " + key
                + (before == null ? "" : " before=" + before) + (after == null ? "" : " after=" + after);
    }

    /** Every entry that differs between {@code before} and {@code after}, in entity order. */
    public static List<RegistryChange> between(RegistryData before, RegistryData after) {
        List<RegistryChange> changes = new ArrayList<>();
        diff("board", before.boards(), after.boards(), Board::id, changes);
        diff("agreement", before.agreements(), after.agreements(), RegistryChange::key, changes);
        diff("supplier", before.suppliers(), after.suppliers(), Supplier::oin, changes);
        diff("school", before.schools(), after.schools(), School::brin, changes);
        diff("mandate", before.mandates(), after.mandates(), RegistryChange::key, changes);
        diff("endpoint", before.endpoints(), after.endpoints(), Endpoint::routeringskenmerk, changes);
        return changes;
    }

    /** An agreement's key: board and start date. */
    public static String key(Agreement a) {
        return a.boardId() + "@" + a.validFrom();
    }

    /** A mandate's key: school, supplier, service version and start date. */
    public static String key(Mandate m) {
        return m.brin() + "/" + m.supplierOin() + "/" + m.serviceVersion() + "@" + m.validFrom();
    }

    private static <T> void diff(String entity, List<T> before, List<T> after, Function<T, String> key,
                                 List<RegistryChange> changes) {
        Map<String, T> old = index(before, key);
        Map<String, T> now = index(after, key);
        for (Map.Entry<String, T> e : now.entrySet()) {
            T was = old.get(e.getKey());
            if (was == null) {
                changes.add(new RegistryChange(entity, e.getKey(), Kind.CREATED, null, describe(e.getValue())));
            } else if (!was.equals(e.getValue())) {
                Kind kind = isEnding(was, e.getValue()) ? Kind.ENDED : Kind.CHANGED;
                changes.add(new RegistryChange(entity, e.getKey(), kind, describe(was), describe(e.getValue())));
            }
        }
        for (Map.Entry<String, T> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                changes.add(new RegistryChange(entity, e.getKey(), Kind.REMOVED, describe(e.getValue()), null));
            }
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    /** True when only validTo differs and it moved earlier (or from open-ended to a date). */
    private static boolean isEnding(Object was, Object now) {
        if (!(was instanceof ValidityPeriod a) || !(now instanceof ValidityPeriod b) || b.validTo() == null) {
            return false;
        }
        if (a.validTo() != null && !b.validTo().isBefore(a.validTo())) {
            return false;
        }
        return Objects.equals(withoutEnd(was), withoutEnd(now));
    }

    private static Object withoutEnd(Object entry) {
        if (entry instanceof Agreement a) {
            return new Agreement(a.boardId(), a.validFrom(), null);
        }
        if (entry instanceof Mandate m) {
            return new Mandate(m.brin(), m.supplierOin(), m.serviceVersion(), m.validFrom(), null);
        }
        if (entry instanceof Endpoint e) {
            return new Endpoint(e.routeringskenmerk(), e.brin(), e.vestiging(), e.supplierOin(), e.serviceVersion(),
                    e.url(), e.validFrom(), null, e.services());
        }
        return entry;
    }

    /** A compact description of an entry (organisations and addresses only, never personal data). */
    static String describe(Object entry) {
        if (entry instanceof Board b) {
            return "{name=" + b.name() + "}";
        }
        if (entry instanceof Supplier s) {
            return "{name=" + s.name() + "}";
        }
        if (entry instanceof School s) {
            return "{name=" + s.name() + ", board=" + s.boardId() + ", vestigingen=" + s.vestigingen() + "}";
        }
        if (entry instanceof Endpoint e) {
            return "{vestiging=" + e.vestiging() + ", supplier=" + e.supplierOin() + ", serviceVersion="
                    + e.serviceVersion() + ", url=" + e.url() + ", validFrom=" + e.validFrom() + ", validTo="
                    + e.validTo() + ", services=" + new java.util.TreeSet<>(e.services()) + "}";
        }
        if (entry instanceof ValidityPeriod p) {
            return "{validFrom=" + p.validFrom() + ", validTo=" + p.validTo() + "}";
        }
        return String.valueOf(entry);
    }
}
