package org.osogateway.registry;

import java.util.Objects;

/** A LAS supplier (leverancier), identified by its OIN. */
public record Supplier(String oin, String name) {
    public Supplier {
        Objects.requireNonNull(oin, "oin");
        Objects.requireNonNull(name, "name");
    }
}
