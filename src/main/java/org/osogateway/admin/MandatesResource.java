package org.osogateway.admin;

import java.time.LocalDate;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.ChangeAnswer;
import org.osogateway.admin.dto.MandateRequest;
import org.osogateway.admin.dto.Views;
import org.osogateway.registry.Mandate;
import org.osogateway.registry.RegistryChange;
import org.osogateway.registry.RegistryService;

/** {@code /admin/mandates}: a school's mandate per supplier and service version; only its end date changes. */
public final class MandatesResource {
    private final RegistryService service;

    public MandatesResource(RegistryService service) {
        this.service = service;
    }

    /** The mandates, of one school and/or one supplier when given. */
    public List<Views.MandateView> list(@Header("brin") String brin, @Header("supplier") String supplier) {
        return service.current().mandates().stream()
                .filter(m -> brin == null || m.brin().equals(brin))
                .filter(m -> supplier == null || m.supplierOin().equals(supplier))
                .map(RegistryViews::mandate).toList();
    }

    public ChangeAnswer create(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body MandateRequest request) {
        Mandate m = mandate(request, request.validTo());
        return RegistryViews.changed(service.addMandate(actor, m), "mandate", RegistryChange.key(m));
    }

    /** Sets (or, with no validTo, clears) the end date of the mandate the key fields name. */
    public ChangeAnswer changeEnd(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body MandateRequest request) {
        return setEnd(actor, request, request.validTo());
    }

    /** Ends the mandate on its validTo, today without one. */
    public ChangeAnswer end(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body MandateRequest request) {
        return setEnd(actor, request, request.validTo() != null ? request.validTo() : service.today());
    }

    private ChangeAnswer setEnd(String actor, MandateRequest request, LocalDate validTo) {
        Mandate m = mandate(request, validTo);
        return RegistryViews.changed(service.setMandateEnd(actor, m.brin(), m.supplierOin(), m.serviceVersion(),
                m.validFrom(), m.validTo()), "mandate", RegistryChange.key(m));
    }

    private static Mandate mandate(MandateRequest r, LocalDate validTo) {
        return new Mandate(r.brin(), r.supplier(), r.serviceVersion(), r.validFrom(), validTo);
    }
}
