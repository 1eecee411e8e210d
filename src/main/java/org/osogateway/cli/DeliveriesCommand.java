package org.osogateway.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.osogateway.audit.AuditTrail;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Operator commands on delivery jobs: on the store directly, or through the running gateway's admin API while
 * that gateway holds the embedded store.
 */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = "List, show and re-send dossier deliveries (on the store; through the running gateway's admin API"
                + " while it holds the embedded store, which needs gateway.admin.client-token).",
        subcommands = {DeliveriesCommand.List.class, DeliveriesCommand.Show.class, DeliveriesCommand.Resend.class})
public final class DeliveriesCommand {

    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Properties file of the gateway whose store to use.")
    Path config;

    CliConfig cli() throws Exception {
        return new CliConfig(config);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** Lists messages, newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List messages, newest first.")
    static final class List implements Callable<Integer> {
        @ParentCommand
        DeliveriesCommand parent;
        @Option(names = "--state", description = "ACCEPTED, DELIVERING, RETRY_WAIT, DELIVERED or FAILED.")
        DeliveryState state;
        @Option(names = "--receiver", paramLabel = "BRIN", description = "Only messages to this school.")
        String receiver;
        @Option(names = "--since", paramLabel = "INSTANT", description = "Only messages accepted since, e.g. 2026-11-29T00:00:00Z.")
        Instant since;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", state == null ? null : state.name());
            query.put("receiver", receiver);
            query.put("since", since == null ? null : since.toString());
            query.put("limit", String.valueOf(limit));
            java.util.List<DeliveryStatus> rows = parent.cli().withStore(
                    store -> new DeliveryQueries(store).list(state, receiver, since, limit),
                    admin -> admin.get("/deliveries", query).orFail().asListOf(DeliveryStatus.class));
            System.out.printf("%-8s %-40s %-6s %-6s %-10s %-8s %-20s %-9s %s%n", "ID", "MESSAGE-ID", "FROM", "TO", "STATE",
                    "ATTEMPTS", "ENDPOINT", "CIRCUIT", "LAST-ERROR");
            for (DeliveryStatus s : rows) {
                // the endpoint the job is queued for and its circuit: OPEN when any instance's breaker is open
                System.out.printf("%-8d %-40s %-6s %-6s %-10s %-8d %-20s %-9s %s%n", s.messagePk(), s.messageId(),
                        s.senderBrin(), s.receiverBrin(), s.state(), s.attempts(), orDash(s.endpointKey()),
                        orDash(s.circuit()), s.lastErrorCode() == null ? "" : s.lastErrorCode());
            }
            return 0;
        }
    }

    /** Shows one message's state and events (never its content). */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a message's state and audit events.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        DeliveriesCommand parent;
        @Mixin
        MessageReference message;

        @Override
        public Integer call() throws Exception {
            Optional<DeliveryStatus> status = parent.cli().withStore(store -> {
                DeliveryQueries queries = new DeliveryQueries(store);
                return queries.status(message.pk(queries));
            }, admin -> {
                AdminClient.Response r = admin.get("/deliveries/" + message.path(), message.query());
                return r.status() == 404 ? Optional.empty() : Optional.of(r.orFail().as(DeliveryStatus.class));
            });
            if (status.isEmpty()) {
                System.err.println("no message with id " + message.id);
                return 1;
            }
            DeliveryStatus s = status.get();
            System.out.printf("message %s from %s to %s: %s after %d attempt(s)%n", s.messageId(), s.senderBrin(),
                    s.receiverBrin(), s.state(), s.attempts());
            if (s.nextAttemptAt() != null) {
                System.out.println("next attempt at " + s.nextAttemptAt());
            }
            if (s.lastErrorCode() != null) {
                System.out.println("last error " + s.lastErrorCode() + ": " + s.lastErrorMessage());
            }
            for (DeliveryStatus.Event e : s.events()) {
                System.out.printf("  %s %-16s %s%n", e.at(), e.type(), e.detail() == null ? "" : e.detail());
            }
            return 0;
        }
    }

    /** Puts a FAILED message back in the queue; the running gateway delivers it on its next poll. */
    @Command(name = "resend", mixinStandardHelpOptions = true,
            description = "Re-send a FAILED message (the dead letter); audited with --reason and the OS user (or, through the admin API, the token's name).")
    static final class Resend implements Callable<Integer> {
        @ParentCommand
        DeliveriesCommand parent;
        @Mixin
        MessageReference message;
        @Option(names = "--reason", required = true, description = "Why it is re-sent (goes into the audit log).")
        String reason;

        @Override
        public Integer call() throws Exception {
            String who = CliConfig.actor();
            boolean resent = parent.cli().withStore(store -> new DeliveryJobs(store, new AuditTrail())
                            .resend(message.pk(new DeliveryQueries(store)), who, reason, Instant.now()),
                    admin -> {
                        AdminClient.Response r = admin.post("/deliveries/" + message.path() + "/resend",
                                message.query(), Map.of("reason", reason));
                        if (r.status() == 409 && r.json().has("field")) {
                            r.orFail(); // an ambiguous messageId: the message lists the senders
                        }
                        return r.status() != 409 && r.orFail().ok();
                    });
            if (resent) {
                System.out.println("message " + message.id + " re-queued; the gateway delivers it on its next poll");
                return 0;
            }
            System.err.println("message " + message.id + " is not FAILED (or unknown, or its payload was purged); nothing re-sent");
            return 1;
        }
    }
}
