package org.osogateway.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.audit.AuditTrail;

/** A fresh H2 file store and its parts (acceptances, jobs, queries, retention, circuits) for each test, closed afterwards. */
abstract class StoreTestBase {
    @TempDir
    Path dir;
    Store store;
    AcceptanceStore acceptances;
    DeliveryJobs jobs;
    DeliveryQueries queries;
    PayloadRetention retention;
    CircuitStates circuits;

    @BeforeEach
    void open() {
        store = StoreTestSupport.open(dir);
        AuditTrail audit = new AuditTrail();
        acceptances = new AcceptanceStore(store, audit, PayloadCipher.NONE);
        jobs = new DeliveryJobs(store, audit);
        queries = new DeliveryQueries(store);
        retention = new PayloadRetention(store, audit);
        circuits = new CircuitStates(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The ids of {@link DeliveryJobs#findDue}, in its order. */
    List<Long> duePks(Instant now, int limit) throws Exception {
        return jobs.findDue(now, limit).stream().map(DueJob::messagePk).toList();
    }
}
