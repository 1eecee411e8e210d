package org.osogateway.admin.dto;

/** A new name for a board or a supplier. */
public record NameChange(String name) {
    public NameChange {
        Required.text(name, "name");
    }
}
