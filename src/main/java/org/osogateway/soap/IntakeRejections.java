package org.osogateway.soap;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.fault.GatewayException;
import org.osogateway.intake.DossierSubmission;
import org.osogateway.store.AcceptanceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every refused SOAP request once, as REJECTED with its fault code: what is known of it (identifiers, size,
 * hash, the authenticated supplier) and null for the rest. The audit's log line on {@code oso.audit} is the one
 * log line of a refusal. The fault itself goes back unchanged.
 */
public final class IntakeRejections {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRejections.class);
    /** CXF exchange key of the {@link Known} facts of a request that the gateway's flow got to read. */
    static final String KNOWN = "osoRefusedRequest";

    private final AcceptanceStore store;
    private final Clock clock;

    public IntakeRejections(AcceptanceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What the flow knew of a refused request: null fields were not read (or not valid) yet. */
    record Known(String messageId, String senderBrin, String receiverBrin, Integer size, String sha256, String actor) {
        static final Known NOTHING = new Known(null, null, null, null, null, null);
    }

    /**
     * Called by the SOAP flows when a step fails: hands what was read of the request to the CXF exchange, where the
     * fault shaping audits it ({@link #audit}), so that refusals inside and outside the flows are audited alike.
     */
    public void record(Exchange exchange) {
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        if (cxf == null || cxf.getExchange() == null) {
            return;
        }
        DossierSubmission s = exchange.getProperty("osoSubmission", DossierSubmission.class);
        Caller caller = exchange.getProperty(Caller.PROPERTY, Caller.class);
        String actor = AuditEvent.supplierActor(caller == null ? null : caller.oin());
        cxf.getExchange().put(KNOWN, s == null ? new Known(null, null, null, null, null, actor)
                : new Known(s.messageId(), s.senderBrin(), s.receiverBrin(), s.dossier().bytes().length, s.dossier().sha256(),
                actor));
    }

    /** Audits the refusal of the request of {@code cxfExchange}; a failing audit is one WARN line, never another fault. */
    void audit(org.apache.cxf.message.Exchange cxfExchange, GatewayException g, String correlationId) {
        Known k = cxfExchange.get(KNOWN) instanceof Known known ? known : Known.NOTHING;
        try {
            store.auditOnly(List.of(new AuditEvent(null, k.messageId(), k.senderBrin(), k.receiverBrin(),
                    AuditEventType.REJECTED, clock.instant(), null, g.code().name(), g.getMessage(), k.size(), k.sha256(),
                    k.actor(), correlationId)));
        } catch (Exception e) {
            LOG.warn("event=REJECTED outcome={} sender={} correlationId={} (not audited: {})", g.code(), k.senderBrin(),
                    correlationId, e.toString());
        }
    }
}
