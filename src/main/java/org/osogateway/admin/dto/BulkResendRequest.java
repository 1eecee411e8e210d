package org.osogateway.admin.dto;

import java.time.Instant;

/**
 * Re-send the dead letter ({@code endpoint}: the routeringskenmerk the job was queued for) (FAILED messages with their dossier still stored) that matches every given filter, at most
 * {@code limit} (default 100, at most 1000) per call, oldest first. With {@code dryRun} only counts them.
 */
public record BulkResendRequest(String reason, String receiver, String sender, String endpoint, Instant since,
                                Instant until, Integer limit, Boolean dryRun) {
    public BulkResendRequest {
        Required.text(reason, "reason");
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw org.osogateway.admin.AdminProblem.badField("limit", "limit must be a number from 1 to 1000");
        }
    }

    /** The batch size. */
    public int batch() {
        return limit == null ? 100 : limit;
    }

    /** True when only counting. */
    public boolean onlyCount() {
        return Boolean.TRUE.equals(dryRun);
    }
}
