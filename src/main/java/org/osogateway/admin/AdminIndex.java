package org.osogateway.admin;

import java.util.List;
import org.osogateway.admin.dto.Views;

/** {@code GET /admin}: the resources of the admin API. */
public final class AdminIndex {
    public Views.Index resources() {
        return new Views.Index(List.of("boards", "schools", "suppliers", "mandates", "endpoints", "registry",
                "deliveries", "openapi.json"));
    }
}
