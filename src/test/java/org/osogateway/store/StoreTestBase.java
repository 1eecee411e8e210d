package org.osogateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh H2 file store and its DeliveryStore for each test, closed afterwards. */
abstract class StoreTestBase {
    @TempDir
    Path dir;
    Store store;
    DeliveryStore deliveries;

    @BeforeEach
    void open() {
        store = StoreTestSupport.open(dir);
        deliveries = StoreTestSupport.deliveryStore(store);
    }

    @AfterEach
    void close() {
        store.close();
    }
}
