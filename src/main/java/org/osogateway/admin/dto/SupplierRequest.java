package org.osogateway.admin.dto;

/** A new LAS supplier, by OIN. */
public record SupplierRequest(String oin, String name) {
    public SupplierRequest {
        Required.text(oin, "oin");
        Required.text(name, "name");
    }
}
