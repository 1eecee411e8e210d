package org.osogateway.soap;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.fault.GatewayException;
import org.osogateway.intake.DossierSubmission;
import org.osogateway.store.DeliveryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a refused DeliverDossier (identifiers, the fault code and the authenticated supplier, if any); the fault
 * itself goes back unchanged.
 */
public final class IntakeRejections {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRejections.class);

    private final DeliveryStore store;
    private final Clock clock;

    public IntakeRejections(DeliveryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(Exchange exchange) {
        DossierSubmission s = exchange.getProperty("osoSubmission", DossierSubmission.class);
        if (s == null) {
            return; // refused before the envelope could be read: the fault log line is all there is
        }
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException g = FaultMapper.map(error);
        Caller caller = exchange.getProperty(Caller.PROPERTY, Caller.class);
        String actor = AuditEvent.supplierActor(caller == null ? null : caller.oin());
        try {
            store.auditOnly(List.of(new AuditEvent(null, s.messageId(), s.senderBrin(), s.receiverBrin(),
                    AuditEventType.REJECTED, clock.instant(), null, g.code().name(), g.getMessage(),
                    s.dossier().bytes().length, s.dossier().sha256(), actor,
                    exchange.getProperty(CorrelationCapture.PROPERTY, String.class))));
        } catch (Exception e) {
            // The caller still gets its fault; losing this audit row must not turn it into another one.
            LOG.warn("could not audit a refused request: {}", e.toString());
        }
    }
}
