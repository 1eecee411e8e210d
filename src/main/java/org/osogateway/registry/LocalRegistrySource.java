package org.osogateway.registry;

/**
 * The local registry as a {@link RegistrySource}: an in-memory snapshot of the store's (or file's) registry.
 * {@link #refresh} swaps the whole snapshot at once; {@link RoutingRules} takes one {@link #snapshot()} per
 * question, so an answer never mixes two versions of the registry.
 */
public final class LocalRegistrySource {
    private final RegistryValidator validator = new RegistryValidator();
    private volatile RegistrySnapshot snapshot;

    public LocalRegistrySource(RegistryData data) {
        this.snapshot = build(data);
    }

    /** The routing rules over this source. */
    public RoutingRules rules() {
        return new RoutingRules(this::snapshot);
    }

    /** The registry content now; it does not change when the source is refreshed. */
    public RegistrySource snapshot() {
        return snapshot;
    }

    /** Replaces the registry content; invalid data is refused and the current content stays in use. */
    public void refresh(RegistryData data) {
        this.snapshot = build(data);
    }

    private RegistrySnapshot build(RegistryData data) {
        // data from the file is checked already; data from elsewhere (the database) must meet the same rules
        validator.requireValid(data, "registry");
        return new RegistrySnapshot(data);
    }
}
