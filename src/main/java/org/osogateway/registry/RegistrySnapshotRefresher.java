package org.osogateway.registry;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's routing snapshot in step with the registry in the store: a cheap version
 * check on every poll, and a reload only when another instance, the admin API or a CLI import has
 * changed it. A change made on this instance is applied at once with {@link #refreshNow()}.
 */
public final class RegistrySnapshotRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySnapshotRefresher.class);

    private final JdbcRegistryStore store;
    private final LocalRegistrySource source;
    private final RoutingRules routing;
    private final AtomicLong loadedVersion = new AtomicLong(-1);

    public RegistrySnapshotRefresher(JdbcRegistryStore store) {
        this.store = store;
        long version = store.version();
        this.source = new LocalRegistrySource(store.load());
        this.routing = source.rules();
        loadedVersion.set(version);
    }

    /** The routing rules over this instance's snapshot. */
    public RoutingRegistry routing() {
        return routing;
    }

    /** The snapshot source itself (tests swap its content directly). */
    public LocalRegistrySource source() {
        return source;
    }

    /** Reloads the snapshot if the store's registry changed since it was loaded; returns whether it did. */
    public synchronized boolean refreshIfChanged() {
        long current = store.version();
        if (current == loadedVersion.get()) {
            return false;
        }
        refreshNow();
        return true;
    }

    /** Reloads the snapshot from the store now. */
    public synchronized void refreshNow() {
        // Read the version first: a change committed in between is caught by the next poll.
        long version = store.version();
        source.refresh(store.load());
        loadedVersion.set(version);
        LOG.info("routing registry reloaded (version {})", version);
    }

    public long loadedVersion() {
        return loadedVersion.get();
    }
}
