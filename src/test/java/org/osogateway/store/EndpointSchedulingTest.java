package org.osogateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link EndpointSchedulingContract} on the embedded H2 store. */
class EndpointSchedulingTest extends EndpointSchedulingContract {
    @TempDir
    Path dir;

    @Override
    Store openStore() {
        return StoreTestSupport.open(dir);
    }
}
