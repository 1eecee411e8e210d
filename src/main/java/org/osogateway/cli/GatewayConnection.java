package org.osogateway.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.http.HTTPConduit;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.GatewayFault_Exception;
import org.osogateway.contract.v1.OsoGatewayPortType;
import org.osogateway.contract.v1.OsoGatewayService;
import org.osogateway.tls.ClientTls;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options and client shared by the commands that call a running gateway over SOAP: its URL and, for a gateway
 * with mutual TLS, the client certificate and the trust for the gateway's certificate.
 */
final class GatewayConnection {
    static final List<String> PASSWORD_ENV = List.of("OSO_TLS_PASSWORD", CertsOptions.PASSWORD_ENV);
    /** In the jar, so that no plain JDK connection fetches ?wsdl without the client certificate. */
    private static final String WSDL = "/wsdl/oso-gateway.wsdl";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8080/ws/oso/v1",
            description = "SOAP address of the gateway (default ${DEFAULT-VALUE}); https:// for a gateway with TLS.")
    String url;

    @Option(names = "--cert", paramLabel = "FILE.p12",
            description = "Client certificate and key (PKCS12) to present to a gateway with mutual TLS, e.g. "
                    + "dev-pki/supplier.p12; the gateway takes the supplier OIN from it.")
    Path cert;

    @Option(names = "--truststore", paramLabel = "FILE.p12",
            description = "CA certificates (PKCS12) the gateway's server certificate must chain to, e.g. "
                    + "dev-pki/truststore.p12. Default: the JVM's trust store.")
    Path truststore;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password of --cert and --truststore. Default: environment OSO_TLS_PASSWORD, else "
                    + "OSO_CERTS_PASSWORD, else the development password 'changeit'.")
    char[] password;

    /** One SOAP operation on the port. */
    @FunctionalInterface
    interface Operation<T> {
        T on(OsoGatewayPortType port) throws GatewayFault_Exception;
    }

    /**
     * Runs the operation against the gateway; a gateway fault comes back as such, any failure to get an answer
     * (connection, TLS) as a {@link CommandFailure} that names the option or file to look at.
     */
    <T> T call(Operation<T> operation) throws GatewayFault_Exception {
        boolean https = "https".equalsIgnoreCase(scheme());
        if (!https && (cert != null || truststore != null)) {
            throw new ParameterException(spec.commandLine(), (cert != null ? "--cert" : "--truststore")
                    + " needs an https:// --url; got " + url);
        }
        SSLSocketFactory sockets = https ? clientTls().socketFactory() : null;
        OsoGatewayPortType port = port(sockets);
        try {
            return operation.on(port);
        } catch (WebServiceException e) {
            throw new CommandFailure(new GatewayCallFailure(url, cert, truststore, sockets).describe(e), e);
        }
    }

    /** The JAX-WS port from the WSDL in the jar, addressed at --url, over TLS with these sockets unless null. */
    private OsoGatewayPortType port(SSLSocketFactory sockets) {
        URL wsdl = GatewayConnection.class.getResource(WSDL);
        OsoGatewayPortType port = new OsoGatewayService(wsdl).getOsoGatewayPort();
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, url);
        // the command reports a failed call in one line; CXF's own WARN with a stack trace would bury it
        context.put(FaultListener.class.getName(), (FaultListener) (error, description, message) -> false);
        if (sockets != null) {
            TLSClientParameters parameters = new TLSClientParameters();
            // the socket factory carries the key, the trust, TLS 1.3/1.2 and the JDK's host-name check
            parameters.setSSLSocketFactory(sockets);
            parameters.setDisableCNCheck(false);
            ((HTTPConduit) ClientProxy.getClient(port).getConduit()).setTlsClientParameters(parameters);
        }
        return port;
    }

    private ClientTls clientTls() {
        char[] storePassword = cert == null && truststore == null ? new char[0]
                : StorePassword.resolve(password, PASSWORD_ENV, spec.commandLine().getErr());
        try {
            return ClientTls.fromOptions("--cert", cert, "--truststore", truststore, "--password", storePassword);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private String scheme() {
        try {
            String scheme = new URI(url).getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return scheme;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--url must be an http:// or https:// address; got " + url);
    }

    /** Where the command prints its answer (the command line's out, so that tests can read it). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints a gateway fault with its violations to the command line's err; answers the exit code 2. */
    int printFault(GatewayFault_Exception e) {
        return printFault(e, (line, column) -> "");
    }

    /** Prints the fault; {@code inFile} tells a violation's request line as a place in the user's file, or "". */
    int printFault(GatewayFault_Exception e, java.util.function.BiFunction<Integer, Integer, String> inFile) {
        PrintWriter err = spec.commandLine().getErr();
        GatewayFault f = e.getFaultInfo();
        err.printf("fault %s: %s (correlationId %s)%n", f.getCode(), f.getMessage(), f.getCorrelationId());
        f.getViolation().forEach(v -> {
            String place = inFile.apply(v.getLine(), v.getColumn());
            err.printf("  %s%s%s%s%n", !place.isEmpty() ? place
                : v.getLine() != null ? "line " + v.getLine() + ", column " + v.getColumn() + " of the request: " : "",
                v.getLocation() != null ? v.getLocation() + ": " : "",
                v.getRule() != null ? "[" + v.getRule() + "] " : "", v.getMessage());
        });
        return 2;
    }
}
