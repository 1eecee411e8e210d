package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osogateway.audit.AuditTrail;

/**
 * The same migrations and the store's parts on a real PostgreSQL; runs only when
 * {@code -Doso.test.postgres.url} is given (.ci/run starts one on loopback).
 */
@EnabledIfSystemProperty(named = "oso.test.postgres.url", matches = ".+")
class StorePostgresTest {

    @Test
    void acceptClaimDeliverAndDuplicateOnPostgres() throws Exception {
        try (Store store = StoreTestSupport.openPostgres()) {
            AcceptanceStore acceptances = new AcceptanceStore(store, new AuditTrail(), PayloadCipher.NONE);
            DeliveryJobs jobs = new DeliveryJobs(store, new AuditTrail());
            byte[] dossier = "<d xmlns=\"urn:x\">1</d>".getBytes(StandardCharsets.UTF_8);
            NewDossier d = new NewDossier("pg-1", "00YY", "00", null, null, "01AB", null, null, "X", "overstapdossier", "urn:x",
                    "a".repeat(64), dossier, "schema urn:x", "routeringskenmerk X", "corr");
            Instant now = Instant.now();
            Acceptance a = acceptances.accept(d, now, "me", now.plusSeconds(60));
            assertThat(a.duplicate()).isFalse();
            assertThat(acceptances.accept(d, now, "me", now.plusSeconds(60)).duplicate()).isTrue();

            DeliveryJob job = jobs.claim(a.messagePk(), "me", now, now.plusSeconds(60)).orElseThrow();
            assertThat(job.canonicalDossier()).isEqualTo(dossier);
            assertThat(jobs.claim(a.messagePk(), "other", now, now.plusSeconds(60))).isEmpty();
            jobs.recordDelivered(job, "me", "X", "DELIVERED", now);
            assertThat(new DeliveryQueries(store).status(a.messagePk()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);

            // an encrypted payload (key id column of V6) on PostgreSQL
            String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
            PayloadCipher cipher = PayloadCipher.fromSettings(java.util.Map.of("gateway.store.encryption.enabled", "true",
                    "gateway.store.encryption.key-id", "pg", "gateway.store.encryption.key-env", "K")::get,
                    java.util.Map.of("K", key)::get);
            NewDossier e = new NewDossier("pg-2", "00YY", "00", null, null, "01AB", null, null, "X", "overstapdossier", "urn:x",
                    "b".repeat(64), dossier, "schema urn:x", "routeringskenmerk X", "corr");
            long pk = new AcceptanceStore(store, new AuditTrail(), cipher).accept(e, now, "me", now.plusSeconds(60)).messagePk();
            assertThat(new DeliveryJobs(store, new AuditTrail(), cipher).claim(pk, "me", now, now.plusSeconds(60)).orElseThrow().canonicalDossier()).isEqualTo(dossier);
            cipher.checkReadable(store.dataSource());
            assertThatThrownBy(() -> PayloadCipher.NONE.checkReadable(store.dataSource())).hasMessageContaining("key id 'pg'");
        }
    }
}
