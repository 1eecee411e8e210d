package org.osogateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Readiness of this instance: ready only while every check is up; names each check's state. */
public final class Readiness {
    private final List<ReadinessCheck> checks;

    public Readiness(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Each check's state now, in order, with whether all of them are up. */
    public Result check() {
        Map<String, String> states = new LinkedHashMap<>();
        boolean ready = true;
        for (ReadinessCheck c : checks) {
            ReadinessCheck.Status s = c.status();
            states.put(c.name(), s.state());
            ready &= s.up();
        }
        return new Result(ready, states);
    }

    /** {@code checks}: check name → state, e.g. {@code store → UP}, {@code dossierSchemaCatalog → COMPILING}. */
    public record Result(boolean ready, Map<String, String> checks) {
        /** The state of one check, or null when there is no such check. */
        public String state(String name) {
            return checks.get(name);
        }
    }
}
