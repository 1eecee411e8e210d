package org.osogateway.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Finds the message an operator names: by the numeric id of 'deliveries list', or by its messageId (as 'status'
 * takes it) with an optional sender BRIN. A messageId that several senders used needs the sender.
 */
public final class MessageLookup {
    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,18}");

    /** What a reference names: the message's internal id, nothing, or several senders' messages. */
    public sealed interface Result {
    }

    /** Exactly one message. */
    public record Found(long pk) implements Result {
    }

    /** No such message (for that sender). */
    public record NotFound(String reference) implements Result {
    }

    /** A messageId that several senders used: name one of these with the sender BRIN. */
    public record Ambiguous(String messageId, List<String> senderBrins) implements Result {
    }

    private final DeliveryQueries queries;

    public MessageLookup(DeliveryQueries queries) {
        this.queries = queries;
    }

    /** {@code senderBrin} may be null; it is ignored for a numeric id. */
    public Result find(String reference, String senderBrin) throws SQLException {
        if (NUMERIC_ID.matcher(reference).matches()) {
            return new Found(Long.parseLong(reference));
        }
        if (senderBrin != null && !senderBrin.isBlank()) {
            Optional<Long> pk = queries.findPk(senderBrin.trim(), reference);
            return pk.<Result>map(Found::new).orElseGet(() -> new NotFound(reference));
        }
        SortedMap<String, Long> bySender = queries.findPksBySender(reference);
        if (bySender.isEmpty()) {
            return new NotFound(reference);
        }
        if (bySender.size() == 1) {
            return new Found(bySender.values().iterator().next());
        }
        return new Ambiguous(reference, List.copyOf(bySender.keySet()));
    }

    /** The error text for an ambiguous messageId, the same in the admin API and the CLI. */
    public static String ambiguity(Ambiguous a) {
        return "messageId " + a.messageId() + " was sent by more than one school: " + String.join(", ", a.senderBrins())
                + "; name the sender BRIN";
    }
}
