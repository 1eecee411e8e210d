package org.osogateway.store;

import java.nio.file.Path;

/** The embedded store's data folder is held by another running gateway (or operator command). */
public final class StoreHeldException extends IllegalStateException {
    private final Path folder;

    StoreHeldException(Path folder, Path lockFile, String holder) {
        super("the data folder " + folder + " is held by another running gateway or store command (" + holder + "lock file "
                + lockFile + "): stop that gateway first, or give this one a store of its own (gateway.store.url)");
        this.folder = folder;
    }

    /** The folder of the embedded database. */
    public Path folder() {
        return folder;
    }
}
