package org.osogateway.store;

import java.nio.file.Path;

/** Test main: opens the store of a folder, says OPEN and waits to be killed (kill -9 by the test). */
public final class HoldStoreUntilKilled {
    private HoldStoreUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Store.open(new StoreSettings(StoreTestSupport.url(Path.of(args[0])), "sa", "", 2, true));
        System.out.println("OPEN");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
