package org.osogateway.status;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.store.Store;
import org.osogateway.store.StoreTestSupport;

/** {@link FlowQueriesContract} on the embedded H2 store. */
class FlowQueriesTest extends FlowQueriesContract {
    @TempDir
    Path dir;

    @Override
    Store openStore() {
        return StoreTestSupport.open(dir);
    }
}
