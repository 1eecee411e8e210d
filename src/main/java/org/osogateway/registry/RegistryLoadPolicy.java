package org.osogateway.registry;

import java.util.Locale;

/** When the registry file is loaded into the store at start-up (setting gateway.registry.load-on-start). */
public enum RegistryLoadPolicy {
    /** Only into an empty store: the file seeds it; later changes (admin API, CLI import) are kept. */
    IF_EMPTY,
    /** Always: the file is the registry, and replaces what the store holds. */
    ALWAYS,
    /** Never: the store is managed by the admin API and the CLI only. */
    NEVER;

    public static RegistryLoadPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway.registry.load-on-start must be if-empty, always or never, not '"
                    + value + "'");
        }
    }

    /** Whether to load the file, given the store's registry version (0 = never stored). */
    public boolean shouldLoad(long storeVersion) {
        return this == ALWAYS || (this == IF_EMPTY && storeVersion == 0);
    }
}
