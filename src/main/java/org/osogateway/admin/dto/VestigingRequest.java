package org.osogateway.admin.dto;

/** A vestiging (branch) code to add to a school. */
public record VestigingRequest(String code) {
    public VestigingRequest {
        Required.text(code, "code");
    }
}
