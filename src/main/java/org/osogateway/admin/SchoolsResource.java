package org.osogateway.admin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.ChangeAnswer;
import org.osogateway.admin.dto.SchoolChange;
import org.osogateway.admin.dto.SchoolRequest;
import org.osogateway.admin.dto.VestigingRequest;
import org.osogateway.admin.dto.Views;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.RegistryService;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.registry.School;

/** {@code /admin/schools}: schools, their vestigingen, and the connection report of one school. */
public final class SchoolsResource {
    private final RegistryService service;
    private final RoutingRegistry routing;

    public SchoolsResource(RegistryService service, RoutingRegistry routing) {
        this.service = service;
        this.routing = routing;
    }

    public List<Views.SchoolView> list() {
        return service.current().schools().stream().map(RegistryViews::school).toList();
    }

    public Views.SchoolView get(@Header("brin") String brin) {
        return RegistryViews.school(RegistryViews.findSchool(service.current(), brin));
    }

    public ChangeAnswer create(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body SchoolRequest school) {
        return RegistryViews.changed(service.createSchool(actor, new School(school.brin(), school.name(), school.board(),
                set(school.vestigingen()))), "school", school.brin());
    }

    /** Replaces each field the body gives. */
    public ChangeAnswer change(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("brin") String brin,
                               @Body SchoolChange change) {
        return RegistryViews.changed(service.updateSchool(actor, brin, change.name(), change.board(),
                change.vestigingen() == null ? null : set(change.vestigingen())), "school", brin);
    }

    public Set<String> vestigingen(@Header("brin") String brin) {
        return RegistryViews.findSchool(service.current(), brin).vestigingen();
    }

    public ChangeAnswer addVestiging(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("brin") String brin,
                                     @Body VestigingRequest vestiging) {
        return RegistryViews.changed(service.addVestiging(actor, brin, vestiging.code()), "school", brin);
    }

    /** What CheckConnection would answer for the school (and vestiging) on {@code date}, today when absent. */
    public ConnectionReport connection(@Header("brin") String brin, @Header("vestiging") String vestiging,
                                       @Header("date") String date) {
        return routing.checkConnection(brin, vestiging == null || vestiging.isEmpty() ? null : vestiging,
                AdminParams.date(date, "date", service.today()));
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }
}
