package org.osogateway.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.osogateway.audit.AuditTrail;
import org.osogateway.store.DeadLetterQuery;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.MessagePurge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Operator commands on delivery jobs: on the store directly, or through the running gateway's admin API while
 * that gateway holds the embedded store.
 */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = "List, show, re-send and purge dossier deliveries (on the store; through the running gateway's admin"
                + " API while it holds the embedded store, which needs gateway.admin.client-token).",
        subcommands = {DeliveriesCommand.List.class, DeliveriesCommand.Show.class, DeliveriesCommand.Resend.class,
            DeliveriesCommand.ResendFailed.class, DeliveriesCommand.Purge.class})
public final class DeliveriesCommand {

    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Properties file of the gateway whose store to use.")
    Path config;

    CliConfig cli() throws Exception {
        return new CliConfig(config);
    }

    /**
     * POSTs {@code /deliveries/{id}/ACTION {reason}}; false for a 409 that says the message is in the wrong state,
     * a failure for any other refusal (an ambiguous messageId names the senders).
     */
    static boolean onMessage(AdminClient admin, MessageReference message, String action, String reason) {
        AdminClient.Response r = admin.post("/deliveries/" + message.path() + "/" + action, message.query(),
                Map.of("reason", reason));
        if (r.status() == 409 && r.json().has("field")) {
            r.orFail();
        }
        return r.status() != 409 && r.orFail().ok();
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
        @Option(names = "--sender", paramLabel = "BRIN", description = "Only messages from this school.")
        String sender;
        @Option(names = "--since", paramLabel = "INSTANT", description = "Only messages accepted since, e.g. 2026-11-29T00:00:00Z.")
        Instant since;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", state == null ? null : state.name());
            query.put("receiver", receiver);
            query.put("sender", sender);
            query.put("since", since == null ? null : since.toString());
            query.put("limit", String.valueOf(limit));
            java.util.List<DeliveryStatus> rows = parent.cli().withStore(
                    store -> new DeliveryQueries(store).list(state, receiver, sender, since, limit),
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
                    admin -> onMessage(admin, message, "resend", reason));
            if (resent) {
                System.out.println("message " + message.id + " re-queued; the gateway delivers it on its next poll");
                return 0;
            }
            System.err.println("message " + message.id + " is not FAILED (or unknown, or its payload was purged); nothing re-sent");
            return 1;
        }
    }

    /** Re-sends the whole matching dead letter in batches, with a progress line per batch. */
    @Command(name = "resend-failed", mixinStandardHelpOptions = true,
            description = {"Re-send every FAILED message (with its dossier) that matches the filters, oldest first, in"
                + " batches; a progress line per batch on stderr. Audited with --reason.",
                "Re-send one message with 'deliveries resend ID'."})
    static final class ResendFailed implements Callable<Integer> {
        @ParentCommand
        DeliveriesCommand parent;
        @Option(names = "--receiver", paramLabel = "BRIN", description = "Only messages to this school.")
        String receiver;
        @Option(names = "--sender", paramLabel = "BRIN", description = "Only messages from this school.")
        String sender;
        @Option(names = "--since", paramLabel = "INSTANT", description = "Only messages accepted at or after, e.g. 2026-11-29T00:00:00Z.")
        Instant since;
        @Option(names = "--until", paramLabel = "INSTANT", description = "Only messages accepted before.")
        Instant until;
        @Option(names = "--endpoint", paramLabel = "ROUTERINGSKENMERK",
                description = "Only messages queued for this receiver endpoint (as 'deliveries list' shows it).")
        String endpoint;
        @Option(names = "--reason", required = true, description = "Why they are re-sent (goes into the audit log).")
        String reason;
        @Option(names = "--batch", defaultValue = "100", description = "Messages per batch, 1 to 1000 (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--dry-run", description = "Only count them.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            if (batch < 1 || batch > 1000) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--batch must be from 1 to 1000, not " + batch);
            }
            DeadLetterQuery.Filter filter = new DeadLetterQuery.Filter(receiver, sender, endpoint, since, until);
            String who = CliConfig.actor();
            int resent = parent.cli().withStore(store -> {
                DeadLetterQuery deadLetter = new DeadLetterQuery(store);
                DeliveryJobs jobs = new DeliveryJobs(store, new AuditTrail());
                return inBatches(deadLetter.count(filter),
                        () -> deadLetter.resendOldest(jobs, filter, batch, who, reason, Instant.now()).size());
            }, admin -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("reason", reason);
                body.put("receiver", receiver);
                body.put("sender", sender);
                body.put("endpoint", endpoint);
                body.put("since", since == null ? null : since.toString());
                body.put("until", until == null ? null : until.toString());
                body.put("limit", batch);
                body.put("dryRun", true);
                int matching = admin.post("/deliveries/resend", Map.of(), body).orFail().json().path("matching").asInt();
                body.put("dryRun", false);
                return inBatches(matching,
                        () -> admin.post("/deliveries/resend", Map.of(), body).orFail().json().path("resent").asInt());
            });
            System.out.println(resent + " message(s) re-queued; the gateway delivers them on its next polls");
            return 0;
        }

        private interface Batch {
            int run() throws Exception;
        }

        /** Runs batches until one re-sends nothing (all done, or the rest taken by someone else). */
        private int inBatches(int matching, Batch batchRun) throws Exception {
            System.err.println(matching + " FAILED message(s) match" + (dryRun ? " (dry run: nothing re-sent)" : ""));
            if (dryRun) {
                return 0;
            }
            int done = 0;
            while (done < matching) {
                int n = batchRun.run();
                if (n == 0) {
                    break;
                }
                done += n;
                System.err.printf("re-sent %d of %d%n", done, matching);
            }
            return done;
        }
    }

    /** Deletes a finished message's dossier; the message and its audit stay. */
    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Delete the dossier of a FAILED or DELIVERED message (it can no longer be re-sent); the message"
                + " and its audit stay. Audited with --reason.")
    static final class Purge implements Callable<Integer> {
        @ParentCommand
        DeliveriesCommand parent;
        @Mixin
        MessageReference message;
        @Option(names = "--reason", required = true, description = "Why it is purged (goes into the audit log).")
        String reason;

        @Override
        public Integer call() throws Exception {
            String who = CliConfig.actor();
            boolean purged = parent.cli().withStore(store -> new MessagePurge(store, new AuditTrail())
                            .purge(message.pk(new DeliveryQueries(store)), who, reason, Instant.now()),
                    admin -> onMessage(admin, message, "purge", reason));
            if (purged) {
                System.out.println("message " + message.id + ": dossier purged");
                return 0;
            }
            System.err.println("message " + message.id + " is unknown, still on its way, or already purged;"
                    + " only a FAILED or DELIVERED message can be purged");
            return 1;
        }
    }
}
