package org.osogateway.admin;

import java.time.LocalDate;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.AgreementRequest;
import org.osogateway.admin.dto.BoardRequest;
import org.osogateway.admin.dto.ChangeAnswer;
import org.osogateway.admin.dto.EndDate;
import org.osogateway.admin.dto.NameChange;
import org.osogateway.admin.dto.Views;
import org.osogateway.registry.Agreement;
import org.osogateway.registry.Board;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.RegistryChange;
import org.osogateway.registry.RegistryData;
import org.osogateway.registry.RegistryService;
import org.osogateway.registry.RoutingRegistry;

/** {@code /admin/boards}: boards, their OSO agreements, and the connection of all their schools. */
public final class BoardsResource {
    private final RegistryService service;
    private final RoutingRegistry routing;

    public BoardsResource(RegistryService service, RoutingRegistry routing) {
        this.service = service;
        this.routing = routing;
    }

    public List<Views.BoardView> list() {
        RegistryData d = service.current();
        return d.boards().stream().map(b -> RegistryViews.board(d, b)).toList();
    }

    public Views.BoardView get(@Header("id") String id) {
        RegistryData d = service.current();
        return RegistryViews.board(d, RegistryViews.findBoard(d, id));
    }

    public ChangeAnswer create(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Body BoardRequest board) {
        return RegistryViews.changed(service.createBoard(actor, new Board(board.id(), board.name())), "board", board.id());
    }

    public ChangeAnswer rename(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("id") String id,
                               @Body NameChange change) {
        return RegistryViews.changed(service.updateBoard(actor, id, change.name()), "board", id);
    }

    /** The connection report of each of the board's schools on {@code date} (today when absent). */
    public Views.BoardConnection connection(@Header("id") String id, @Header("date") String date) {
        LocalDate day = AdminParams.date(date, "date", service.today());
        Board board = RegistryViews.findBoard(service.current(), id);
        List<ConnectionReport> reports = service.current().schools().stream().filter(s -> s.boardId().equals(id))
                .map(s -> routing.checkConnection(s.brin(), null, day)).toList();
        return new Views.BoardConnection(board.id(), board.name(), day, reports);
    }

    public List<Views.AgreementView> agreements(@Header("id") String id) {
        RegistryData d = service.current();
        RegistryViews.findBoard(d, id);
        return RegistryViews.agreements(d, id);
    }

    public Views.AgreementView agreement(@Header("id") String id, @Header("validFrom") String validFrom) {
        String key = agreementKey(id, validFrom);
        return service.current().agreements().stream().filter(a -> RegistryChange.key(a).equals(key)).findFirst()
                .map(RegistryViews::agreement)
                .orElseThrow(() -> AdminProblem.notFound("board " + id + " has no agreement from " + validFrom));
    }

    public ChangeAnswer addAgreement(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("id") String id,
                                     @Body AgreementRequest request) {
        Agreement a = new Agreement(id, request.validFrom(), request.validTo());
        return RegistryViews.changed(service.addAgreement(actor, a), "agreement", RegistryChange.key(a));
    }

    /** Sets (or, with no validTo, clears) the agreement's end date. */
    public ChangeAnswer changeAgreement(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("id") String id,
                                        @Header("validFrom") String validFrom, @Body EndDate end) {
        LocalDate from = AdminParams.date(validFrom, "validFrom", null);
        return RegistryViews.changed(service.setAgreementEnd(actor, id, from, end == null ? null : end.validTo()),
                "agreement", agreementKey(id, validFrom));
    }

    /** Ends the agreement on the given day, today without one. */
    public ChangeAnswer endAgreement(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("id") String id,
                                     @Header("validFrom") String validFrom, @Body EndDate end) {
        LocalDate from = AdminParams.date(validFrom, "validFrom", null);
        return RegistryViews.changed(service.setAgreementEnd(actor, id, from, EndDate.orToday(end, service.today())), "agreement",
                agreementKey(id, validFrom));
    }

    private static String agreementKey(String id, String validFrom) {
        return id + "@" + AdminParams.date(validFrom, "validFrom", null);
    }
}
