package org.osogateway.intake;

import java.time.Clock;
import java.time.LocalDate;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.soap.Caller;
import org.osogateway.validation.SchemaCatalog;

/**
 * Decides whether the caller may send this dossier: a supplier identified by its client certificate only for a
 * school it holds a mandate for (R3), for the dossier's version, today. A caller without a certificate exists only
 * where the listener does not demand one (plain HTTP on loopback, or an explicit insecure override) and is let
 * through, as in development.
 */
public final class SenderAuthorization {
    private final RoutingRegistry registry;
    private final SchemaCatalog catalog;
    private final Clock clock;

    public SenderAuthorization(RoutingRegistry registry, SchemaCatalog catalog, Clock clock) {
        this.registry = registry;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The submission as sent by the authenticated supplier, or unchanged for a caller without a certificate. */
    public DossierSubmission authorize(DossierSubmission s, Caller caller) {
        if (caller == null || caller.isAnonymous()) {
            return s;
        }
        String oin = caller.oin();
        if (s.senderSupplierOin() != null && !s.senderSupplierOin().equals(oin)) {
            // the certificate decides who is sending; a body that claims another supplier is refused, not corrected
            throw new GatewayException(GatewayErrorCode.SENDER_NOT_AUTHORIZED, "sender/supplierOin "
                    + s.senderSupplierOin() + " is not the supplier of the client certificate (" + oin + ")");
        }
        // A version the gateway does not know is UNSUPPORTED_DOSSIER_VERSION (from the validator, next), not a
        // missing mandate; every known version is checked here, before any expensive validation work.
        if (catalog.find(s.serviceVersion()).isPresent()) {
            registry.authorizeSender(oin, s.senderBrin(), s.serviceVersion(), LocalDate.now(clock));
        }
        return s.authenticatedAs(oin);
    }
}
