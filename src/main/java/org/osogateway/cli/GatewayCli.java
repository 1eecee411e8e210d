package org.osogateway.cli;

import org.osogateway.ops.StartupTimeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the gateway's command line: serve, mock-las and the operator commands. */
@Command(name = "oso-gateway", mixinStandardHelpOptions = true, version = "oso-gateway 0.1.0",
        description = "SOAP gateway for OSO transfer dossiers: accepts, validates, routes and delivers them.",
        subcommands = {ServeCommand.class, MockLasCommand.class, SendCommand.class, StatusCommand.class, CheckCommand.class, DeliveriesCommand.class, RegistryCommand.class, SchemasCommand.class, CertsCommand.class})
public final class GatewayCli {

    public static void main(String[] args) {
        StartupTimeline.mainEntered();
        System.exit(commandLine().execute(args));
    }

    /** The command line as main runs it: an error ends in one line on stderr and exit code 1. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GatewayCli());
        // Operators get one clear line, not a stack trace; set OSO_CLI_DEBUG=true for the trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (Boolean.parseBoolean(System.getenv("OSO_CLI_DEBUG"))) {
                e.printStackTrace();
            }
            if (e instanceof CommandFailure) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            cmd.getErr().println("error: " + e.getMessage() + (root != e ? " (" + root + ")" : ""));
            return 1;
        });
        return cli;
    }
}
