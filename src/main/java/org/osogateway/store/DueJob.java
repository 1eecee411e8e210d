package org.osogateway.store;

/** A job that is due and unleased, with the endpoint it is queued for (null for a job accepted before V7). */
public record DueJob(long messagePk, String endpointKey) {
}
