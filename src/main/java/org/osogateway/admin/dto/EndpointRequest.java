package org.osogateway.admin.dto;

import java.time.LocalDate;
import java.util.List;

/** A receiving LAS endpoint under a mandate; on a change the routeringskenmerk comes from the path. */
public record EndpointRequest(String routeringskenmerk, String brin, String vestiging, String supplier,
                              String serviceVersion, String url, LocalDate validFrom, LocalDate validTo,
                              List<String> services) {
    public EndpointRequest {
        Required.text(brin, "brin");
        Required.text(supplier, "supplier");
        Required.text(serviceVersion, "serviceVersion");
        Required.text(url, "url");
        Required.present(validFrom, "validFrom");
        services = Required.texts(services, "services");
    }
}
