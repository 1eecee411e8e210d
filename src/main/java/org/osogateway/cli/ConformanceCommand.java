package org.osogateway.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.osogateway.conformance.ConformanceRun;
import org.osogateway.conformance.DemoDossier;
import org.osogateway.conformance.DemoDossiers;
import org.osogateway.conformance.ReceiverChecks;
import org.osogateway.conformance.ReceiverClient;
import org.osogateway.tls.ClientTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Conformance kit: checks a vendor's system against the gateway's contract and writes HTML and JUnit reports. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Check a vendor system against the gateway's contract.",
        subcommands = {ConformanceCommand.Receiver.class, SenderConformanceCommand.class})
public final class ConformanceCommand {

    /** Runs the receiver cases against one ReceiveDossier URL; exit 0 only when every case passes. */
    @Command(name = "receiver", mixinStandardHelpOptions = true,
            description = "Call a receiving LAS at URL with ReceiveDossier as the gateway does and check its answers.")
    static final class Receiver implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "URL", description = "The receiver's ReceiveDossier address, http:// or https://. Only this address is called.")
        URI url;
        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "Limit for one call, connect to last byte of the answer (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;
        @Option(names = "--dossier", paramLabel = "FILE|DIR",
                description = "Dossier XML file or folder (repeatable). Default: the built-in demo dossier.")
        List<Path> dossiers;
        @Option(names = "--sender", defaultValue = "00YY", description = "Sending school BRIN (default ${DEFAULT-VALUE}).")
        String sender;
        @Option(names = "--receiver", defaultValue = "01AB", description = "Receiving school BRIN (default ${DEFAULT-VALUE}).")
        String receiver;
        @Option(names = "--routeringskenmerk", defaultValue = "0000000700001AB00001",
                description = "Routeringskenmerk sent to the receiver (default ${DEFAULT-VALUE}).")
        String routeringskenmerk;
        @Option(names = "--overdrachtsoort", defaultValue = "overstapdossier", description = "Default ${DEFAULT-VALUE}.")
        String overdrachtsoort;
        @Mixin
        ConformanceReports reports;
        @Option(names = "--cert", paramLabel = "FILE.p12", description = "Client certificate and key (PKCS12) for an https receiver with mutual TLS.")
        Path cert;
        @Option(names = "--truststore", paramLabel = "FILE.p12", description = "CA certificates the receiver's certificate must chain to. Default: the JVM's.")
        Path truststore;
        @Option(names = "--password", paramLabel = "PASSWORD", description = "Password of --cert and --truststore. "
                + "Default: environment OSO_TLS_PASSWORD, else OSO_CERTS_PASSWORD, else 'changeit'.")
        char[] password;

        @Override
        public Integer call() {
            if (timeoutSeconds <= 0) {
                throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds; got " + timeoutSeconds);
            }
            ReceiverClient client = new ReceiverClient(url, tls(), Duration.ofSeconds(timeoutSeconds));
            List<DemoDossier> demo = dossiers == null || dossiers.isEmpty() ? List.of(new DemoDossiers().builtIn())
                    : new DemoDossiers().files("--dossier", dossiers);
            ReceiverChecks.Addressing to = new ReceiverChecks.Addressing(sender, receiver, routeringskenmerk, overdrachtsoort);
            ConformanceRun run = new ReceiverChecks(client, to, Clock.systemUTC()).run(demo,
                    (n, total, name) -> spec.commandLine().getErr().printf("case %d of %d: %s%n", n, total, name));
            return reports.finish(spec, run);
        }

        private ClientTls tls() {
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new ParameterException(spec.commandLine(), "URL must be http:// or https://; got " + url);
            }
            if (!"https".equalsIgnoreCase(scheme)) {
                if (cert != null || truststore != null) {
                    throw new ParameterException(spec.commandLine(), (cert != null ? "--cert" : "--truststore")
                            + " needs an https:// URL; got " + url);
                }
                return null;
            }
            if (cert == null && truststore == null) {
                return null;
            }
            char[] storePassword = StorePassword.resolve(password, GatewayConnection.PASSWORD_ENV, spec.commandLine().getErr());
            try {
                return ClientTls.fromOptions("--cert", cert, "--truststore", truststore, "--password", storePassword);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
    }
}
