package org.osogateway.admin;

import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.ChangeAnswer;
import org.osogateway.admin.dto.NameChange;
import org.osogateway.admin.dto.SupplierRequest;
import org.osogateway.registry.RegistryService;
import org.osogateway.registry.Supplier;

/** {@code /admin/suppliers}: the LAS suppliers, by OIN. */
public final class SuppliersResource {
    private final RegistryService service;

    public SuppliersResource(RegistryService service) {
        this.service = service;
    }

    public List<Supplier> list() {
        return service.current().suppliers();
    }

    public Supplier get(@Header("oin") String oin) {
        return service.current().suppliers().stream().filter(s -> s.oin().equals(oin)).findFirst()
                .orElseThrow(() -> AdminProblem.notFound("no supplier " + oin));
    }

    public ChangeAnswer create(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body SupplierRequest supplier) {
        return RegistryViews.changed(service.createSupplier(actor, new Supplier(supplier.oin(), supplier.name())),
                "supplier", supplier.oin());
    }

    public ChangeAnswer rename(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("oin") String oin,
                               @Body NameChange change) {
        return RegistryViews.changed(service.updateSupplier(actor, oin, change.name()), "supplier", oin);
    }
}
