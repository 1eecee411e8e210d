package org.osogateway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.osogateway.contract.v1.GatewayFault_Exception;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.GetDeliveryStatusResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Asks a running gateway for a message's delivery status (GetDeliveryStatus). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the delivery status of a message, as its sender sees it (GetDeliveryStatus).")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    GatewayConnection gateway;
    @Parameters(paramLabel = "MESSAGE-ID")
    String messageId;
    @Option(names = "--sender", defaultValue = "00YY", description = "Sending school BRIN (default ${DEFAULT-VALUE}).")
    String sender;

    @Override
    public Integer call() throws Exception {
        GetDeliveryStatusRequest q = new GetDeliveryStatusRequest();
        q.setMessageId(messageId);
        q.setSenderBrin(sender);
        try {
            GetDeliveryStatusResponse s = gateway.call(port -> port.getDeliveryStatus(q));
            PrintWriter out = gateway.out();
            out.printf("%s: %s after %d attempt(s)%s%n", s.getMessageId(), s.getState(), s.getAttempts(),
                    s.getNextAttemptAt() != null ? ", next at " + s.getNextAttemptAt() : "");
            if (s.getLastError() != null) {
                out.printf("last error %s: %s%n", s.getLastError().getCode(), s.getLastError().getMessage());
            }
            s.getEvents().getEvent().forEach(e -> out.printf("  %s %-16s %s%n", e.getAt(), e.getType(),
                    e.getDetail() == null ? "" : e.getDetail()));
            return 0;
        } catch (GatewayFault_Exception e) {
            return gateway.printFault(e);
        }
    }
}
