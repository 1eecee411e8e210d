package org.osogateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Everything an integration team needs for mutual TLS in one folder: CA, server, client and trust stores, CRL. */
@Command(name = "dev-setup", mixinStandardHelpOptions = true,
        description = "Create a complete development PKI in DIR: CA, the gateway's server and client certificates, a"
                + " mock-LAS server certificate, a supplier client certificate (also as PEM for curl), the truststore"
                + " and an empty CRL.")
final class DevSetupCommand implements Callable<Integer> {
    @Mixin
    CertsOptions options;
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;
    @Option(names = "--supplier-oin", defaultValue = "00000003000000000001",
            description = "OIN of the supplier client certificate. Default: ${DEFAULT-VALUE}.")
    String supplierOin;
    @Option(names = "--gateway-oin", defaultValue = "00000001234567890000",
            description = "OIN in the gateway's own client certificate. Default: ${DEFAULT-VALUE}.")
    String gatewayOin;
    @Option(names = "--dns", paramLabel = "NAME",
            description = "Extra DNS name for the gateway and mock-LAS server certificates (repeatable; localhost is always in).")
    List<String> dns = new ArrayList<>();
    @Option(names = "--ip", paramLabel = "ADDRESS",
            description = "Extra IP address for the server certificates (repeatable; 127.0.0.1 is always in).")
    List<String> ip = new ArrayList<>();

    private static final int CA_DAYS = 825;
    private static final int DAYS = 365;

    @Override
    public Integer call() throws Exception {
        CertsCommand.checkOin(spec, "--supplier-oin", supplierOin);
        CertsCommand.checkOin(spec, "--gateway-oin", gatewayOin);
        List<String> dnsNames = withFirst("localhost", dns);
        List<String> ips = withFirst("127.0.0.1", ip);
        Path caP12 = out.resolve("ca.p12");
        Path caPem = out.resolve("ca.pem");
        Path crl = out.resolve("ca.crl");
        Path trustStore = out.resolve("truststore.p12");
        Path gatewayServer = out.resolve("gateway-server.p12");
        Path gatewayClient = out.resolve("gateway-client.p12");
        Path lasServer = out.resolve("las-server.p12");
        Path supplier = out.resolve("supplier.p12");
        CertFiles files = options.files();
        files.checkWritable(List.of(caP12, caPem, crl, trustStore, gatewayServer, gatewayClient, lasServer, supplier,
                CertFiles.pemFor(supplier), CertFiles.keyFor(supplier)));

        // Everything is issued before anything is written, so bad input (an --ip) leaves no files behind.
        Instant from = CertsOptions.notBefore();
        Instant until = options.notAfter(DAYS, "validity");
        IssuedCertificate ca = DevPki.createCa("OSO Dev CA", from, options.notAfter(CA_DAYS, "CA validity"));
        IssuedCertificate gatewayServerCert;
        IssuedCertificate lasServerCert;
        try {
            gatewayServerCert = DevPki.issueServer(ca, "localhost", dnsNames, ips, from, until);
            lasServerCert = DevPki.issueServer(ca, "localhost", dnsNames, ips, from, until);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--ip: " + e.getMessage());
        }
        IssuedCertificate gatewayClientCert =
                DevPki.issueClient(ca, "OSO Gateway (development)", gatewayOin, "OSO Gateway", from, until);
        IssuedCertificate supplierCert =
                DevPki.issueClient(ca, "LAS supplier", supplierOin, "LAS supplier (development)", from, until);

        files.writeKeyStore(caP12, "ca", ca);
        DevPki.writePem(caPem, ca.certificate());
        DevPki.writeCrl(crl, DevPki.createCrl(ca, List.of(), Instant.now(), until));
        files.writeTrustStore(trustStore, List.of(ca.certificate()));
        files.writeKeyStore(gatewayServer, "server", gatewayServerCert);
        files.writeKeyStore(gatewayClient, "client", gatewayClientCert);
        files.writeKeyStore(lasServer, "server", lasServerCert);
        files.writeWithPem(supplier, "client", supplierCert);

        PrintWriter o = spec.commandLine().getOut();
        o.printf("Development PKI in %s (CA 'OSO Dev CA' until %s, certificates and CRL until %s):%n", out,
                ca.certificate().getNotAfter().toInstant(), until);
        o.println("  ca.p12              the CA with its key; keep it: certs server|client|revoke --ca " + caP12);
        o.println("  ca.pem              the CA certificate; trust it in clients (curl --cacert)");
        o.println("  ca.crl              the CA's CRL, empty; certs revoke --ca " + caP12 + " --crl " + crl + " CERT.pem");
        o.println("  truststore.p12      trusts the CA: the gateway's truststore for supplier certificates and outbound calls");
        o.println("  gateway-server.p12  the gateway's SOAP port (DNS " + dnsNames + ", IP " + ips + ")");
        o.println("  gateway-client.p12  the gateway's outbound client certificate (OIN " + gatewayOin + ")");
        o.println("  las-server.p12      the mock LAS over https (same names)");
        o.println("  supplier.p12        a supplier client certificate (OIN " + supplierOin
                + "), also supplier.pem + supplier-key.pem");
        o.println("The stores are PKCS12; their password is --password, else " + CertsOptions.PASSWORD_ENV
                + ", else the development password (see certs --help); it is not shown here.");
        o.println("Try: curl --cacert " + caPem + " --cert " + CertFiles.pemFor(supplier) + " --key "
                + CertFiles.keyFor(supplier) + " https://localhost:8080/ws/oso/v1 ...");
        return 0;
    }

    private static List<String> withFirst(String first, List<String> extra) {
        List<String> all = new ArrayList<>(List.of(first));
        extra.stream().filter(e -> !all.contains(e)).forEach(all::add);
        return all;
    }
}
