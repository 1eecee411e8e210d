package org.osogateway.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osogateway.store.PayloadRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes dossier bytes once they are delivered and their retention has passed: kept only as long as needed. */
public final class PayloadPurger {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadPurger.class);

    private final PayloadRetention store;
    private final Clock clock;
    private final Duration retention;

    public PayloadPurger(PayloadRetention store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    public int purge() throws SQLException {
        Instant now = clock.instant();
        int n = store.purgeDeliveredPayloads(now.minus(retention), now);
        if (n > 0) {
            LOG.info("purged the dossier bytes of {} delivered messages", n);
        }
        return n;
    }
}
