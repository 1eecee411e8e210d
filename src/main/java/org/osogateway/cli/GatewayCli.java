package org.osogateway.cli;

import org.osogateway.ops.StartupTimeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the gateway's command line: serve, mock-las and the operator commands. */
@Command(name = "oso-gateway", mixinStandardHelpOptions = true, version = "oso-gateway 0.1.0",
        description = "SOAP gateway for OSO transfer dossiers: accepts, validates, routes and delivers them.",
        subcommands = {ServeCommand.class, MockLasCommand.class, SendCommand.class, StatusCommand.class, CheckCommand.class, DeliveriesCommand.class, RegistryCommand.class, SchemasCommand.class, CertsCommand.class, ConformanceCommand.class, AdminTokenCommand.class})
public final class GatewayCli {

    public static void main(String[] args) {
        StartupTimeline.mainEntered();
        if (args.length == 1 && args[0].equals("serve")) {
            // the plain start skips building the whole command line (every command's options): part of a second
            System.exit(serve());
        }
        System.exit(commandLine().execute(args));
    }

    private static int serve() {
        try {
            return new ServeCommand().call();
        } catch (Exception e) {
            return reportFailure(e, new java.io.PrintWriter(System.err, true));
        }
    }

    /** The command line as main runs it: an error ends in one line on stderr and exit code 1. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GatewayCli());
        // Operators get one clear line, not a stack trace; set OSO_CLI_DEBUG=true for the trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> reportFailure(e, cmd.getErr()));
        return cli;
    }

    private static int reportFailure(Exception e, java.io.PrintWriter err) {
        if (Boolean.parseBoolean(System.getenv("OSO_CLI_DEBUG"))) {
            e.printStackTrace();
        }
        if (e instanceof CommandFailure) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        err.println("error: " + e.getMessage() + (root != e ? " (" + root + ")" : ""));
        return 1;
    }
}
