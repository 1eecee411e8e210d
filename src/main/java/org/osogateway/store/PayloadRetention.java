package org.osogateway.store;

import static org.osogateway.store.SqlValues.odt;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.osogateway.audit.AuditEvent;
import org.osogateway.audit.AuditEventType;
import org.osogateway.audit.AuditTrail;

/** Payload retention: deletes the dossier bytes of delivered messages once their retention has passed, audited. */
public final class PayloadRetention {
    private final DataSource ds;
    private final AuditTrail audit;

    public PayloadRetention(Store store, AuditTrail audit) {
        this.ds = store.dataSource();
        this.audit = audit;
    }

    /** Deletes the dossier bytes of (at most 1000) messages delivered before {@code deliveredBefore}; returns how many. */
    public int purgeDeliveredPayloads(Instant deliveredBefore, Instant now) throws SQLException {
        List<AuditEvent> events = Transactions.inTransaction(ds, c -> {
            List<Long> pks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM dossier_message WHERE state = 'DELIVERED' "
                    + "AND payload_purged_at IS NULL AND delivered_at < ? FETCH FIRST 1000 ROWS ONLY")) {
                ps.setObject(1, odt(deliveredBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pks.add(rs.getLong(1));
                    }
                }
            }
            List<AuditEvent> purged = new ArrayList<>();
            for (long pk : pks) {
                String[] ids = DeliveryQueries.identifiers(c, pk);
                purged.add(new AuditEvent(pk, ids[0], ids[1], ids[2], AuditEventType.PAYLOAD_PURGED, now, null, null,
                        "retention passed", null, null, null, null));
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dossier_payload WHERE message_pk = ?");
                 PreparedStatement mark = c.prepareStatement(
                         "UPDATE dossier_message SET payload_purged_at = ? WHERE id = ?")) {
                for (long pk : pks) {
                    del.setLong(1, pk);
                    del.addBatch();
                    mark.setObject(1, odt(now));
                    mark.setLong(2, pk);
                    mark.addBatch();
                }
                del.executeBatch();
                mark.executeBatch();
            }
            audit.append(c, purged);
            return purged;
        });
        audit.log(events);
        return events.size();
    }
}
