package org.osogateway.admin;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.BulkResendRequest;
import org.osogateway.admin.dto.ReasonRequest;
import org.osogateway.admin.dto.Required;
import org.osogateway.admin.dto.Views;
import org.osogateway.store.DeadLetterQuery;
import org.osogateway.store.DeliveryJobs;
import org.osogateway.store.DeliveryQueries;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.DeliveryStatus;
import org.osogateway.store.MessageLookup;
import org.osogateway.store.MessagePurge;

/**
 * {@code /admin/deliveries}: the messages and their delivery, for operators. Shows metadata and audit, never a
 * dossier; re-sends and purges with a reason, audited with the token's name.
 */
public final class DeliveriesResource {
    private final DeliveryQueries queries;
    private final DeliveryJobs jobs;
    private final MessagePurge purge;
    private final DeadLetterQuery deadLetter;
    private final Clock clock;

    public DeliveriesResource(DeliveryQueries queries, DeliveryJobs jobs, MessagePurge purge, DeadLetterQuery deadLetter,
                              Clock clock) {
        this.queries = queries;
        this.jobs = jobs;
        this.purge = purge;
        this.deadLetter = deadLetter;
        this.clock = clock;
    }

    /** Newest first; each filter is optional. */
    public List<DeliveryStatus> list(@Header("state") String state, @Header("receiver") String receiver,
                                     @Header("sender") String sender, @Header("since") String since,
                                     @Header("limit") String limit) throws SQLException {
        return queries.list(AdminParams.oneOf(DeliveryState.class, state, "state"), blankToNull(receiver),
                blankToNull(sender), AdminParams.instant(since, "since"), AdminParams.limit(limit, 100, 10_000));
    }

    /** One message by its id in the list, or by messageId (with senderBrin when several senders used it). */
    public DeliveryStatus show(@Header("id") String id, @Header("senderBrin") String senderBrin) throws SQLException {
        long pk = messagePk(id, senderBrin);
        return queries.status(pk).orElseThrow(() -> AdminProblem.notFound("no message with id " + id));
    }

    public Views.Resent resend(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("id") String id,
                               @Header("senderBrin") String senderBrin, @Body ReasonRequest request) throws SQLException {
        String reason = reason(request);
        long pk = messagePk(id, senderBrin);
        if (!jobs.resend(pk, actor, reason, clock.instant())) {
            throw new AdminProblem(409, null, "message " + id + " is not FAILED (or its dossier was purged); nothing re-sent");
        }
        return new Views.Resent(pk, true);
    }

    public Views.Purged purge(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("id") String id,
                              @Header("senderBrin") String senderBrin, @Body ReasonRequest request) throws SQLException {
        String reason = reason(request);
        long pk = messagePk(id, senderBrin);
        if (!purge.purge(pk, actor, reason, clock.instant())) {
            throw new AdminProblem(409, null, "message " + id + " is still on its way or its dossier is already purged;"
                    + " only a FAILED or DELIVERED message can be purged");
        }
        return new Views.Purged(pk, true);
    }

    /** Re-sends up to one batch of the matching dead letter, oldest first; a dry run only counts. */
    public Views.BulkResent resendMatching(@ExchangeProperty(AdminGuard.ACTOR) String actor,
                                           @Body BulkResendRequest request) throws SQLException {
        // a body is needed: without one there is no reason
        BulkResendRequest r = Required.present(request, "reason");
        DeadLetterQuery.Filter filter = new DeadLetterQuery.Filter(blankToNull(r.receiver()), blankToNull(r.sender()),
                blankToNull(r.endpoint()), r.since(), r.until());
        int matching = deadLetter.count(filter);
        if (r.onlyCount()) {
            return new Views.BulkResent(true, matching, 0, List.of());
        }
        List<Long> resent = deadLetter.resendOldest(jobs, filter, r.batch(), actor, r.reason(), clock.instant());
        return new Views.BulkResent(false, matching, resent.size(), resent);
    }

    private long messagePk(String reference, String senderBrin) throws SQLException {
        MessageLookup.Result found = new MessageLookup(queries).find(reference, blankToNull(senderBrin));
        if (found instanceof MessageLookup.Found f) {
            return f.pk();
        }
        if (found instanceof MessageLookup.Ambiguous a) {
            throw new AdminProblem(409, "senderBrin", MessageLookup.ambiguity(a));
        }
        throw AdminProblem.notFound("no message with id " + reference);
    }

    private static String reason(ReasonRequest request) {
        return Required.present(request, "reason").reason();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
