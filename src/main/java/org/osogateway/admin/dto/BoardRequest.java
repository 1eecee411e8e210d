package org.osogateway.admin.dto;

/** A new board (bevoegd gezag). */
public record BoardRequest(String id, String name) {
    public BoardRequest {
        Required.text(id, "id");
        Required.text(name, "name");
    }
}
