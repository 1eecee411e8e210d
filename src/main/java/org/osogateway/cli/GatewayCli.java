package org.osogateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the gateway's command line: serve, mock-las and the operator commands. */
@Command(name = "oso-gateway", mixinStandardHelpOptions = true, version = "oso-gateway 0.1.0",
        description = "SOAP gateway for OSO transfer dossiers: accepts, validates, routes and delivers them.",
        subcommands = {ServeCommand.class, MockLasCommand.class, DeliveriesCommand.class})
public final class GatewayCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayCli()).execute(args));
    }
}
