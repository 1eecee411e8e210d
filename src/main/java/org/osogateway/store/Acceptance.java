package org.osogateway.store;

import java.time.Instant;

/** The answer to a DeliverDossier once stored: ACCEPTED now, or DUPLICATE of an earlier acceptance. */
public record Acceptance(long messagePk, boolean duplicate, Instant acceptedAt, String dossierSha256) {
}
