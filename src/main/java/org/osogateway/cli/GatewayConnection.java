package org.osogateway.cli;

import java.net.URL;
import jakarta.xml.ws.BindingProvider;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.GatewayFault_Exception;
import org.osogateway.contract.v1.OsoGatewayPortType;
import org.osogateway.contract.v1.OsoGatewayService;
import picocli.CommandLine.Option;

/** Options and client shared by the commands that call a running gateway over SOAP. */
final class GatewayConnection {
    @Option(names = "--url", defaultValue = "http://localhost:8080/ws/oso/v1",
            description = "SOAP address of the gateway (default ${DEFAULT-VALUE}).")
    String url;

    /** The JAX-WS port generated from the gateway's WSDL, read from the running gateway. */
    OsoGatewayPortType port() throws Exception {
        OsoGatewayPortType port;
        try {
            port = new OsoGatewayService(new URL(url + "?wsdl")).getOsoGatewayPort();
        } catch (jakarta.xml.ws.WebServiceException e) {
            throw new IllegalStateException("cannot reach the gateway at " + url, e);
        }
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, url);
        return port;
    }

    static int printFault(GatewayFault_Exception e) {
        GatewayFault f = e.getFaultInfo();
        System.err.printf("fault %s: %s (correlationId %s)%n", f.getCode(), f.getMessage(), f.getCorrelationId());
        f.getViolation().forEach(v -> System.err.printf("  %s%s%s%s%n",
                v.getLine() != null ? "line " + v.getLine() + ", column " + v.getColumn() + ": " : "",
                v.getLocation() != null ? v.getLocation() + ": " : "",
                v.getRule() != null ? "[" + v.getRule() + "] " : "", v.getMessage()));
        return 2;
    }
}
