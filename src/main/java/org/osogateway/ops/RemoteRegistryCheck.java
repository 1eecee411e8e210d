package org.osogateway.ops;

import org.osogateway.registry.remote.OsrReachability;

/** Readiness of the remote routing registry (gateway.registry.source=remote): up while the OSR answers. */
public final class RemoteRegistryCheck implements ReadinessCheck {
    private final OsrReachability osr;

    public RemoteRegistryCheck(OsrReachability osr) {
        this.osr = osr;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Status status() {
        return osr.reachable() ? Status.UP : Status.DOWN;
    }
}
