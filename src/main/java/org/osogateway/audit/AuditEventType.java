package org.osogateway.audit;

/** What happened to a dossier message; the names appear in GetDeliveryStatus. */
public enum AuditEventType {
    RECEIVED, VALIDATED, ROUTED, REJECTED, DUPLICATE, ATTEMPT, DELIVERED, RETRY_SCHEDULED, FAILED, RESENT, PAYLOAD_PURGED,
    /** Put back to RETRY_WAIT without an attempt while its endpoint's circuit is open. */
    PARKED,
    /** A routing registry entry was created, changed or ended (admin API or registry import); no message. */
    REGISTRY_CHANGED
}
