package org.osogateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audited actors: a supplier by its OIN, a gateway instance by its id, absent when unknown. */
class AuditEventTest {

    @Test
    void actorsNameTheSupplierOrTheInstanceAndAreAbsentWhenUnknown() {
        assertThat(AuditEvent.instanceActor("gw-2")).isEqualTo("instance gw-2");
        assertThat(AuditEvent.instanceActor(null)).isNull();
        assertThat(AuditEvent.supplierActor("00000003000000000001")).isEqualTo("supplier 00000003000000000001");
        assertThat(AuditEvent.supplierActor(null)).isNull();
        AuditEvent attempt = new AuditEvent(1L, "m-1", "00YY", "01AB", AuditEventType.ATTEMPT, Instant.EPOCH, 2,
                "DELIVERED", null, 10, "ab", AuditEvent.instanceActor("gw-2"), null);
        assertThat(attempt.toLogLine()).contains("event=ATTEMPT").contains("attempt=2").contains("actor=instance gw-2");
    }
}
