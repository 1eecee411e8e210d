package org.osogateway.admin;

import java.util.List;
import java.util.TreeSet;
import org.osogateway.admin.dto.ChangeAnswer;
import org.osogateway.admin.dto.Views;
import org.osogateway.registry.Agreement;
import org.osogateway.registry.Board;
import org.osogateway.registry.Endpoint;
import org.osogateway.registry.Mandate;
import org.osogateway.registry.RegistryData;
import org.osogateway.registry.RegistryService;
import org.osogateway.registry.School;

/** Registry entries as the admin API shows them, and the lookups that answer 404 naming what is missing. */
final class RegistryViews {
    private RegistryViews() {
    }

    static ChangeAnswer changed(RegistryService.Result result, String entity, String key) {
        return new ChangeAnswer(entity, key, result.changes(), result.stored());
    }

    static Views.BoardView board(RegistryData d, Board board) {
        return new Views.BoardView(board.id(), board.name(), agreements(d, board.id()),
                d.schools().stream().filter(s -> s.boardId().equals(board.id())).map(School::brin).toList());
    }

    static List<Views.AgreementView> agreements(RegistryData d, String boardId) {
        return d.agreements().stream().filter(a -> a.boardId().equals(boardId)).map(RegistryViews::agreement).toList();
    }

    static Views.AgreementView agreement(Agreement a) {
        return new Views.AgreementView(a.boardId(), a.validFrom(), a.validTo());
    }

    static Views.SchoolView school(School s) {
        return new Views.SchoolView(s.brin(), s.name(), s.boardId(), new TreeSet<>(s.vestigingen()));
    }

    static Views.MandateView mandate(Mandate m) {
        return new Views.MandateView(m.brin(), m.supplierOin(), m.serviceVersion(), m.validFrom(), m.validTo());
    }

    static Views.EndpointView endpoint(Endpoint e) {
        return new Views.EndpointView(e.routeringskenmerk(), e.brin(), e.vestiging(), e.supplierOin(), e.serviceVersion(),
                e.url(), e.validFrom(), e.validTo(), new TreeSet<>(e.services()));
    }

    static Board findBoard(RegistryData d, String id) {
        return d.boards().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> AdminProblem.notFound("no board " + id));
    }

    static School findSchool(RegistryData d, String brin) {
        return d.schools().stream().filter(s -> s.brin().equals(brin)).findFirst()
                .orElseThrow(() -> AdminProblem.notFound("no school " + brin));
    }

    static Endpoint findEndpoint(RegistryData d, String rk) {
        return d.endpoints().stream().filter(e -> e.routeringskenmerk().equals(rk)).findFirst()
                .orElseThrow(() -> AdminProblem.notFound("no endpoint " + rk));
    }
}
