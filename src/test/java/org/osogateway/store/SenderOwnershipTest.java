package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.osogateway.store.StoreTestSupport.T0;
import static org.osogateway.store.StoreTestSupport.dossier;

import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** Verifies that a message records the authenticated supplier and is found only by that supplier. */
class SenderOwnershipTest extends StoreTestBase {
    private static final String SUPPLIER_A = "00000003111111110000";
    private static final String SUPPLIER_B = "00000003222222220000";
    private static final String CONTENT = "<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\"><id>1</id></dossier>";

    @Test
    void theAuthenticatedOinIsStoredAndAuditedAsTheIntakeActor() throws Exception {
        Acceptance a = acceptances.accept(dossier("snd-1", "00YY", "01AB", CONTENT, SUPPLIER_A), T0, "A", T0);

        assertThat(StoreTestSupport.string(store, "SELECT authenticated_oin FROM dossier_message WHERE id = ?",
                a.messagePk())).isEqualTo(SUPPLIER_A);
        assertThat(StoreTestSupport.count(store, "SELECT COUNT(*) FROM audit_event WHERE message_pk = ? AND actor = ?",
                a.messagePk(), "supplier " + SUPPLIER_A)).isEqualTo(3); // RECEIVED, VALIDATED, ROUTED
    }

    @Test
    void onlyTheSupplierThatSentAMessageFindsIt() throws Exception {
        Acceptance a = acceptances.accept(dossier("snd-2", "00YY", "01AB", CONTENT, SUPPLIER_A), T0, "A", T0);
        Acceptance anonymous = acceptances.accept(dossier("snd-3", "00YY", "01AB", CONTENT, null), T0, "A", T0);

        assertThat(queries.findPkFor("00YY", "snd-2", SUPPLIER_A)).contains(a.messagePk());
        assertThat(queries.findPkFor("00YY", "snd-2", SUPPLIER_B)).isEmpty();
        assertThat(queries.findPkFor("00YY", "snd-2", null)).isEmpty();
        assertThat(queries.findPkFor("00YY", "snd-3", null)).contains(anonymous.messagePk());
        assertThat(queries.findPkFor("00YY", "snd-3", SUPPLIER_A)).isEmpty();
        assertThat(queries.findPkFor("00YY", "no-such-message", SUPPLIER_A)).isEmpty();
    }

    @Test
    void anotherSuppliersMessageIdIsAConflictThatDisclosesNothingAboutIt() throws Exception {
        acceptances.accept(dossier("snd-4", "00YY", "01AB", CONTENT, SUPPLIER_A), T0, "A", T0);

        assertThatThrownBy(() -> acceptances.accept(dossier("snd-4", "00YY", "01AB", CONTENT, SUPPLIER_B),
                T0.plusSeconds(5), "A", T0))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(GatewayErrorCode.MESSAGE_ID_CONFLICT);
                    assertThat(e.getMessage()).doesNotContain("accepted at").doesNotContain(SUPPLIER_A);
                });
        Acceptance again = acceptances.accept(dossier("snd-4", "00YY", "01AB", CONTENT, SUPPLIER_A), T0.plusSeconds(9),
                "A", T0);
        assertThat(again.duplicate()).isTrue();
    }
}
