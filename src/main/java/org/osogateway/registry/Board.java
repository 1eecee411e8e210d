package org.osogateway.registry;

import java.util.Objects;

/** A school board (bestuur); the OSO agreement is signed per board (R2). */
public record Board(String id, String name) {
    public Board {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
