package org.osogateway.registry;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A school by its BRIN, with its board and the codes of its branches (vestigingen). */
public record School(String brin, String name, String boardId, Set<String> vestigingen) {
    public School {
        Objects.requireNonNull(brin, "brin");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(boardId, "boardId");
        // sorted and immutable, so reports and the database list branches in a stable order
        vestigingen = Collections.unmodifiableSortedSet(new TreeSet<>(vestigingen == null ? Set.of() : vestigingen));
    }

    /** True when the code is one of this school's branches. */
    public boolean hasVestiging(String vestiging) {
        return vestigingen.contains(vestiging);
    }
}
