package org.osogateway.cli;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.osogateway.contract.v1.DeliverDossierRequest;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.contract.v1.Dossier;
import org.osogateway.contract.v1.GatewayFault_Exception;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.contract.v1.Receiver;
import org.osogateway.contract.v1.Sender;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends a dossier file to a running gateway with DeliverDossier, as a sending LAS would. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a dossier file to a running gateway (DeliverDossier) and print the answer.")
public final class SendCommand implements Callable<Integer> {
    @Mixin
    GatewayConnection gateway;
    @Parameters(paramLabel = "DOSSIER", description = "The dossier XML file.")
    Path file;
    @Option(names = "--sender", defaultValue = "00YY", description = "Sending school BRIN (default ${DEFAULT-VALUE}).")
    String sender;
    @Option(names = "--sender-vestiging", defaultValue = "00", description = "Sending branch (default ${DEFAULT-VALUE}).")
    String senderVestiging;
    @Option(names = "--supplier-oin", description = "Sending LAS supplier OIN, sent as given. Over mutual TLS the gateway "
            + "takes the OIN from the --cert certificate and refuses a different one here (SENDER_NOT_AUTHORIZED).")
    String supplierOin;
    @Option(names = "--receiver", required = true, description = "Receiving school BRIN.")
    String receiver;
    @Option(names = "--receiver-vestiging", description = "Receiving branch.")
    String receiverVestiging;
    @Option(names = "--routeringskenmerk", description = "Picks one endpoint where the receiver has several.")
    String routeringskenmerk;
    @Option(names = "--overdrachtsoort", description = "overstapdossier, overdrachtbinnenbrin or swv-dossier "
            + "(default: the dossier's own overdrachtsoort element).")
    String overdrachtsoort;
    @Option(names = "--message-id", description = "Idempotency key (default: a new UUID).")
    String messageId;

    @Override
    public Integer call() throws Exception {
        DossierFile dossierFile = DossierFile.read(file);
        Element dossier = dossierFile.root();
        DeliverDossierRequest r = new DeliverDossierRequest();
        r.setMessageId(messageId != null ? messageId : UUID.randomUUID().toString());
        Sender s = new Sender();
        s.setBrin(sender);
        s.setVestiging(senderVestiging);
        s.setSupplierOin(supplierOin);
        r.setSender(s);
        Receiver rc = new Receiver();
        rc.setBrin(receiver);
        rc.setVestiging(receiverVestiging);
        rc.setRouteringskenmerk(routeringskenmerk);
        r.setReceiver(rc);
        r.setOverdrachtsoort(Overdrachtsoort.fromValue(overdrachtsoort != null ? overdrachtsoort : ownSoort(dossier)));
        Dossier d = new Dossier();
        d.setAny(dossier);
        r.setDossier(d);
        try {
            DeliverDossierResponse answer = gateway.call(port -> port.deliverDossier(r));
            gateway.out().printf("%s %s at %s, dossierSha256 %s%n", answer.getMessageId(), answer.getStatus(),
                    answer.getAcceptedAt(), answer.getDossierSha256());
            return 0;
        } catch (GatewayFault_Exception e) {
            return gateway.printFault(e, dossierFile::position);
        }
    }

    private static String ownSoort(Element dossier) {
        NodeList n = dossier.getElementsByTagNameNS("*", "overdrachtsoort");
        return n.getLength() > 0 ? n.item(0).getTextContent().trim() : "overstapdossier";
    }

}
