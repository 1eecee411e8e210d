package org.osogateway.admin.dto;

import java.util.List;

/** A change of a school: each field that is given replaces the current one. */
public record SchoolChange(String name, String board, List<String> vestigingen) {
    public SchoolChange {
        vestigingen = Required.texts(vestigingen, "vestigingen");
    }
}
