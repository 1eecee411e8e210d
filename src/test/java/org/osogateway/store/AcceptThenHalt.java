package org.osogateway.store;

import java.nio.file.Path;
import org.osogateway.audit.AuditTrail;

/**
 * Test helper run in a child JVM: opens the store in the given folder with sync-commits on, accepts one dossier,
 * prints ACCEPTED and halts the JVM without closing anything (as a crash would). A third argument (any value) turns
 * sync-commits off, for checking by hand that the durability test would catch a missing sync (it does: the data is lost).
 */
public final class AcceptThenHalt {
    private AcceptThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String messageId = args[1];
        Store store = Store.open(new StoreSettings(StoreTestSupport.url(dir), "sa", "", 4, args.length < 3));
        AcceptanceStore acceptances = new AcceptanceStore(store, new AuditTrail(), PayloadCipher.NONE);
        NewDossier d = StoreTestSupport.dossier(messageId);
        acceptances.accept(d, StoreTestSupport.T0, "crashing-instance", StoreTestSupport.T0.plusSeconds(60));
        System.out.println("ACCEPTED");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
