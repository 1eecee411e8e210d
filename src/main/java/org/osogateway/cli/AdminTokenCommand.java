package org.osogateway.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.osogateway.admin.AdminTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes named admin tokens: the secret for the client and the {@code gateway.admin.tokens} entry for the gateway. */
@Command(name = "admin-token", mixinStandardHelpOptions = true,
        description = "Named tokens of the admin API (gateway.admin.tokens).",
        subcommands = AdminTokenCommand.New.class)
public final class AdminTokenCommand {

    /** Prints a new secret once and its configuration entry; only the entry (with the secret's hash) is kept. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Make a token: prints its secret once (for gateway.admin.client-token) and the entry to add"
                    + " to the gateway's gateway.admin.tokens (which holds only the secret's SHA-256).")
    static final class New implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "The token's name: the actor in the audit.")
        String name;
        @Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE",
                description = "read, registry, deliveries (comma separated).")
        java.util.List<String> roles;

        @Override
        public Integer call() {
            Set<AdminTokens.Role> parsed = EnumSet.noneOf(AdminTokens.Role.class);
            for (String role : roles) {
                try {
                    parsed.add(AdminTokens.Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure("unknown role '" + role + "'; roles are read, registry, deliveries", e);
                }
            }
            String secret = AdminTokens.newSecret();
            String entry;
            try {
                entry = AdminTokens.entry(name, parsed, secret);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            System.out.println("secret (shown once; give it to the client as gateway.admin.client-token): " + secret);
            System.out.println("add to " + AdminTokens.SETTING + " (entries separated by ;): " + entry);
            return 0;
        }
    }
}
