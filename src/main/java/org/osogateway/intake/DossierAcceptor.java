package org.osogateway.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osogateway.store.Acceptance;
import org.osogateway.store.AcceptanceStore;
import org.osogateway.store.NewDossier;

/** Stores a routed dossier durably (dossier, job and audit in one transaction) before it is acknowledged. */
public final class DossierAcceptor {
    private final AcceptanceStore store;
    private final Clock clock;
    private final String instanceId;
    private final Duration reservation;

    public DossierAcceptor(AcceptanceStore store, Clock clock, String instanceId, Duration reservation) {
        this.store = store;
        this.clock = clock;
        this.instanceId = instanceId;
        this.reservation = reservation;
    }

    public AcceptedDossier accept(RoutedSubmission routed, String correlationId) throws SQLException {
        DossierSubmission s = routed.submission();
        Instant now = clock.instant();
        NewDossier d = new NewDossier(s.messageId(), s.senderBrin(), s.senderVestiging(), s.senderSupplierOin(),
                s.authenticatedOin(), s.receiverBrin(), s.receiverVestiging(), s.routeringskenmerk(),
                routed.endpoint().routeringskenmerk(), s.overdrachtsoort(), s.serviceVersion(),
                s.dossier().sha256(), s.dossier().bytes(), validationDetail(s),
                "routeringskenmerk " + routed.endpoint().routeringskenmerk(), correlationId);
        // Reserve the job for this instance's immediate delivery; if we die, the reservation runs out.
        Acceptance a = store.accept(d, now, instanceId, now.plus(reservation));
        return new AcceptedDossier(s.messageId(), a, routed.endpoint().routeringskenmerk(), s.dossier().bytes());
    }

    // Non-rejecting meldingen go into the audit trail and the status; they name rules and XPaths, not content.
    private static String validationDetail(DossierSubmission s) {
        StringBuilder sb = new StringBuilder("schema ").append(s.serviceVersion());
        if (!s.meldingen().isEmpty()) {
            sb.append("; ").append(s.meldingen().size()).append(" melding(en):");
            s.meldingen().forEach(m -> sb.append(" [").append(m.type()).append(' ').append(m.locatie()).append("] ")
                    .append(m.tekst()));
        }
        return sb.toString();
    }
}
