package org.osogateway.store;

import static org.osogateway.store.SqlValues.odt;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.audit.AuditTrail;

/**
 * An operator's purge of one message's dossier: only of a message that is done with (FAILED, or DELIVERED before its
 * retention ran out), never of one still on its way. The message and its audit stay; the purge is audited with who
 * and why, and the message can no longer be re-sent.
 */
public final class MessagePurge {
    private final DataSource ds;
    private final AuditTrail audit;

    public MessagePurge(Store store, AuditTrail audit) {
        this.ds = store.dataSource();
        this.audit = audit;
    }

    /** Deletes the dossier of message {@code pk}; false when it is not FAILED or DELIVERED, or already purged. */
    public boolean purge(long pk, String actor, String reason, Instant now) throws SQLException {
        List<AuditEvent> events = Transactions.inTransaction(ds, c -> {
            String[] ids = DeliveryQueries.identifiers(c, pk);
            if (ids == null) {
                return List.<AuditEvent>of();
            }
            try (PreparedStatement mark = c.prepareStatement("UPDATE dossier_message SET payload_purged_at = ? "
                    + "WHERE id = ? AND state IN ('FAILED', 'DELIVERED') AND payload_purged_at IS NULL")) {
                mark.setObject(1, odt(now));
                mark.setLong(2, pk);
                if (mark.executeUpdate() == 0) {
                    return List.<AuditEvent>of();
                }
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dossier_payload WHERE message_pk = ?")) {
                del.setLong(1, pk);
                del.executeUpdate();
            }
            List<AuditEvent> purged = List.of(new AuditEvent(pk, ids[0], ids[1], ids[2], AuditEventType.PAYLOAD_PURGED,
                    now, null, null, reason, null, null, actor, null));
            audit.append(c, purged);
            return purged;
        });
        audit.log(events);
        return !events.isEmpty();
    }
}
