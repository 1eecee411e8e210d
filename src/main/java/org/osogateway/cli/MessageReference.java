package org.osogateway.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.MessageLookup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The message a deliveries command names: the id of 'deliveries list', or a messageId with an optional sender. */
final class MessageReference {
    @Parameters(paramLabel = "ID", description = "The id from 'deliveries list', or the messageId (as 'status' takes it).")
    String id;
    @Option(names = "--sender-brin", paramLabel = "BRIN",
            description = "The sending school, for a messageId that more than one school used.")
    String senderBrin;

    /** The store's id of the message; -1 when there is none (the callers then report it as unknown). */
    long pk(DeliveryQueries queries) throws SQLException {
        MessageLookup.Result found = new MessageLookup(queries).find(id, senderBrin);
        if (found instanceof MessageLookup.Ambiguous a) {
            throw new CommandFailure(MessageLookup.ambiguity(a) + " with --sender-brin", null);
        }
        return found instanceof MessageLookup.Found f ? f.pk() : -1;
    }

    String path() {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    Map<String, String> query() {
        Map<String, String> q = new HashMap<>();
        q.put("senderBrin", senderBrin);
        return q;
    }
}
