package org.osogateway.admin.dto;

import java.util.List;

/** A new school: its BRIN, name, board and vestiging codes. */
public record SchoolRequest(String brin, String name, String board, List<String> vestigingen) {
    public SchoolRequest {
        Required.text(brin, "brin");
        Required.text(name, "name");
        Required.text(board, "board");
        vestigingen = Required.texts(vestigingen, "vestigingen");
    }
}
