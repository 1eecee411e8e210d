package org.osogateway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.CheckConnectionResponse;
import org.osogateway.contract.v1.GatewayFault_Exception;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Asks a running gateway whether a school is connected to OSO (CheckConnection). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Is this school connected to OSO? (CheckConnection on a running gateway)")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    GatewayConnection gateway;
    @Parameters(paramLabel = "BRIN")
    String brin;
    @Option(names = "--vestiging")
    String vestiging;

    @Override
    public Integer call() throws Exception {
        CheckConnectionRequest q = new CheckConnectionRequest();
        q.setBrin(brin);
        q.setVestiging(vestiging);
        try {
            CheckConnectionResponse r = gateway.call(port -> port.checkConnection(q));
            PrintWriter out = gateway.out();
            out.printf("%s: %s%n", brin, r.isConnected() ? "connected" : "NOT connected " + r.getReasons().getReason());
            out.printf("  agreement: %s%s%n", r.getAgreement().isPresent() ? "yes" : "no",
                    r.getAgreement().getBoard() != null ? " (board " + r.getAgreement().getBoard() + ")" : "");
            r.getMandates().getMandate().forEach(m -> out.printf("  mandate: %s %s for %s from %s%n",
                    m.getSupplierOin(), m.getSupplierName(), m.getServiceVersion(), m.getValidFrom()));
            r.getEndpoints().getEndpoint().forEach(e -> out.printf("  endpoint: %s %s%s from %s%n",
                    e.getRouteringskenmerk(), e.getServiceVersion(),
                    e.getVestiging() != null ? " vestiging " + e.getVestiging() : "", e.getValidFrom()));
            return r.isConnected() ? 0 : 1;
        } catch (GatewayFault_Exception e) {
            return gateway.printFault(e);
        }
    }
}
