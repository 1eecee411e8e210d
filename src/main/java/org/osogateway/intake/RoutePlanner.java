package org.osogateway.intake;

import java.time.Clock;
import java.time.LocalDate;
import org.osogateway.registry.ResolvedEndpoint;
import org.osogateway.registry.RoutingRegistry;

/** Checks the sender and resolves the receiver's endpoint by the OSR rules, for today. */
public final class RoutePlanner {
    private final RoutingRegistry registry;
    private final Clock clock;

    public RoutePlanner(RoutingRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public RoutedSubmission plan(DossierSubmission s) {
        LocalDate today = LocalDate.now(clock);
        registry.checkSender(s.senderBrin(), s.senderVestiging(), s.senderSupplierOin(), s.serviceVersion(), today);
        ResolvedEndpoint endpoint = registry.resolveReceiver(s.receiverBrin(), s.receiverVestiging(),
                s.routeringskenmerk(), s.serviceVersion(), today);
        return new RoutedSubmission(s, endpoint);
    }
}
