package org.osogateway.audit;

import java.time.Instant;

/**
 * One audit record: identifiers, sizes and hashes only — never dossier content, names or BSNs.
 * Null fields are simply absent.
 */
public record AuditEvent(
        Long messagePk,
        String messageId,
        String senderBrin,
        String receiverBrin,
        AuditEventType type,
        Instant at,
        Integer attempt,
        String outcome,
        String detail,
        Integer sizeBytes,
        String sha256,
        String actor,
        String correlationId) {

    /** Renders the event as one key=value log line. */
    public String toLogLine() {
        StringBuilder sb = new StringBuilder(160);
        sb.append("event=").append(type);
        append(sb, "messageId", messageId);
        append(sb, "sender", senderBrin);
        append(sb, "receiver", receiverBrin);
        append(sb, "attempt", attempt);
        append(sb, "outcome", outcome);
        append(sb, "size", sizeBytes);
        append(sb, "sha256", sha256);
        append(sb, "actor", actor);
        append(sb, "correlationId", correlationId);
        if (detail != null) {
            sb.append(" detail=\"").append(detail.replace('"', '\'')).append('"');
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, Object value) {
        if (value != null) {
            sb.append(' ').append(key).append('=').append(value);
        }
    }

    /** The actor of a supplier's own action (an intake): its authenticated OIN; null when there is none. */
    public static String supplierActor(String oin) {
        return oin == null ? null : "supplier " + oin;
    }

    /** The actor of a gateway instance's own action (a delivery attempt, parking a job): its instance id. */
    public static String instanceActor(String instanceId) {
        return instanceId == null ? null : "instance " + instanceId;
    }
}
