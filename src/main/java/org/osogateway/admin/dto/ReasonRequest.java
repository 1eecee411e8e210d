package org.osogateway.admin.dto;

/** Why an operator re-sends or purges a message; it is audited with the token's name. */
public record ReasonRequest(String reason) {
    public ReasonRequest {
        Required.text(reason, "reason");
    }
}
