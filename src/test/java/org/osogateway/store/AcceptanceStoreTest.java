package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.osogateway.store.StoreTestSupport.T0;
import static org.osogateway.store.StoreTestSupport.count;
import static org.osogateway.store.StoreTestSupport.dossier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** Verifies AcceptanceStore.accept: storage with intake audit, idempotent repeats, messageId conflicts and concurrent repeats. */
class AcceptanceStoreTest extends StoreTestBase {
    @Test
    void acceptStoresMessagePayloadAndIntakeAuditEvents() throws Exception {
        NewDossier d = dossier("acc-1");
        Acceptance a = acceptances.accept(d, T0, "A", T0.plusSeconds(60));

        assertThat(a.duplicate()).isFalse();
        assertThat(a.acceptedAt()).isEqualTo(T0);
        assertThat(a.dossierSha256()).isEqualTo(d.dossierSha256());
        assertThat(queries.findPk("00YY", "acc-1")).contains(a.messagePk());
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_payload WHERE message_pk = ?", a.messagePk())).isEqualTo(1);
        assertThat(StoreTestSupport.string(store, "SELECT content FROM dossier_payload WHERE message_pk = ?", a.messagePk()))
                .isNotNull();

        DeliveryStatus s = queries.status(a.messagePk()).orElseThrow();
        assertThat(s.state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(s.attempts()).isZero();
        assertThat(s.acceptedAt()).isEqualTo(T0);
        assertThat(s.senderBrin()).isEqualTo("00YY");
        assertThat(s.receiverBrin()).isEqualTo("01AB");
        assertThat(s.events()).extracting(DeliveryStatus.Event::type).containsExactly("RECEIVED", "VALIDATED", "ROUTED");
    }

    @Test
    void sameMessageAndShaAgainIsADuplicateWithTheOriginalAcceptedAt() throws Exception {
        NewDossier d = dossier("acc-dup");
        Acceptance first = acceptances.accept(d, T0, "A", T0.plusSeconds(60));
        Acceptance again = acceptances.accept(d, T0.plusSeconds(300), "B", T0.plusSeconds(360));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.messagePk()).isEqualTo(first.messagePk());
        assertThat(again.acceptedAt()).isEqualTo(T0);
        assertThat(again.dossierSha256()).isEqualTo(d.dossierSha256());
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE sender_brin = ? AND message_id = ?",
                "00YY", "acc-dup")).isEqualTo(1);
        assertThat(queries.status(first.messagePk()).orElseThrow().events()).extracting(DeliveryStatus.Event::type)
                .containsExactly("RECEIVED", "VALIDATED", "ROUTED", "DUPLICATE");
    }

    @Test
    void sameMessageIdWithAnotherDossierIsAConflict() throws Exception {
        acceptances.accept(dossier("acc-c1", "00YY", "01AB", "<a>one</a>"), T0, "A", T0);

        assertThatThrownBy(() -> acceptances.accept(dossier("acc-c1", "00YY", "01AB", "<a>two</a>"), T0, "A", T0))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(GatewayErrorCode.MESSAGE_ID_CONFLICT));
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE message_id = 'acc-c1'")).isEqualTo(1);
    }

    @Test
    void sameMessageIdAndDossierToAnotherReceiverIsAConflict() throws Exception {
        acceptances.accept(dossier("acc-c2", "00YY", "01AB", "<a>same</a>"), T0, "A", T0);

        assertThatThrownBy(() -> acceptances.accept(dossier("acc-c2", "00YY", "02CD", "<a>same</a>"), T0, "A", T0))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(GatewayErrorCode.MESSAGE_ID_CONFLICT));
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE message_id = 'acc-c2'")).isEqualTo(1);
    }

    @Test
    void sameMessageIdFromAnotherSenderIsAnotherMessage() throws Exception {
        Acceptance a = acceptances.accept(dossier("acc-s", "00YY", "01AB", "<a>x</a>"), T0, "A", T0);
        Acceptance b = acceptances.accept(dossier("acc-s", "09ST", "01AB", "<a>y</a>"), T0, "A", T0);

        assertThat(b.duplicate()).isFalse();
        assertThat(b.messagePk()).isNotEqualTo(a.messagePk());
        assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE message_id = 'acc-s'")).isEqualTo(2);
    }

    @Test
    void concurrentAcceptsOfOneMessageStoreOneRowAndAnswerTheRestAsDuplicates() throws Exception {
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            String messageId = "acc-race-" + round;
            NewDossier d = dossier(messageId);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Acceptance>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    String owner = "owner-" + i;
                    results.add(pool.submit(() -> {
                        start.await();
                        return acceptances.accept(d, T0, owner, T0.plus(Duration.ofMinutes(2)));
                    }));
                }
                start.countDown();
                List<Acceptance> answers = new ArrayList<>();
                for (Future<Acceptance> f : results) {
                    answers.add(f.get(30, TimeUnit.SECONDS)); // none may fail
                }
                assertThat(answers).filteredOn(a -> !a.duplicate()).hasSize(1);
                assertThat(answers).filteredOn(Acceptance::duplicate).hasSize(threads - 1);
                assertThat(answers).extracting(Acceptance::messagePk).containsOnly(answers.get(0).messagePk());
                assertThat(answers).extracting(Acceptance::acceptedAt).containsOnly(T0);
            } finally {
                pool.shutdownNow();
            }
            assertThat(count(store, "SELECT COUNT(*) FROM dossier_message WHERE message_id = ?", messageId)).isEqualTo(1);
            assertThat(count(store, "SELECT COUNT(*) FROM audit_event WHERE message_id = ? AND event_type = 'RECEIVED'",
                    messageId)).isEqualTo(1);
        }
    }
}
