package org.osogateway.audit;

/** What happened to a dossier message; the names appear in GetDeliveryStatus. */
public enum AuditEventType {
    RECEIVED, VALIDATED, ROUTED, REJECTED, DUPLICATE, ATTEMPT, DELIVERED, RETRY_SCHEDULED, FAILED, RESENT, PAYLOAD_PURGED
}
