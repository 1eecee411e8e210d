package org.osogateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osogateway.audit.AuditTrail;

/** Payload encryption at rest: ciphertext in the column, identical bytes at delivery, rotation, clear key errors. */
class PayloadCipherTest extends StoreTestBase {

    private Path keyFile(String name, int bytes) throws Exception {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        Path file = dir.resolve(name);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        return file;
    }

    private static PayloadCipher cipher(Map<String, String> settings) {
        return cipher(settings, Map.of());
    }

    private static PayloadCipher cipher(Map<String, String> settings, Map<String, String> env) {
        Map<String, String> full = new HashMap<>();
        settings.forEach((k, v) -> full.put(PayloadCipher.PREFIX + k, v));
        return PayloadCipher.fromSettings(full::get, env::get);
    }

    private byte[] rawContent(long pk) throws Exception {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT content FROM dossier_payload WHERE message_pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    @Test
    void theColumnHoldsCiphertextAndDeliveryGetsTheIdenticalBytes() throws Exception {
        PayloadCipher k1 = cipher(Map.of("enabled", "true", "key-id", "k1", "key-file", keyFile("k1", 32).toString()));
        NewDossier d = StoreTestSupport.dossier("enc-1");
        long pk = new AcceptanceStore(store, new AuditTrail(), k1).accept(d, StoreTestSupport.T0, "me", StoreTestSupport.T0).messagePk();

        byte[] raw = rawContent(pk);
        String dossier = new String(d.canonicalDossier(), StandardCharsets.UTF_8);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("enc-1").doesNotContain("dossier");
        assertThat(raw).hasSize(d.canonicalDossier().length + 12 + 16); // nonce + ciphertext + tag
        assertThat(StoreTestSupport.string(store, "SELECT key_id FROM dossier_payload WHERE message_pk = ?", pk)).isEqualTo("k1");

        DeliveryJob job = new DeliveryJobs(store, new AuditTrail(), k1).claim(pk, "me", StoreTestSupport.T0, StoreTestSupport.T0.plusSeconds(60)).orElseThrow();
        assertThat(job.canonicalDossier()).isEqualTo(d.canonicalDossier());
        assertThat(StoreTestSupport.sha256(job.canonicalDossier())).isEqualTo(d.dossierSha256());
        assertThat(dossier).contains("enc-1");

        // the same dossier sealed twice: a fresh nonce each time
        PayloadCipher.Sealed a = k1.seal(1, "00YY", "m", "h", d.canonicalDossier());
        PayloadCipher.Sealed b = k1.seal(1, "00YY", "m", "h", d.canonicalDossier());
        assertThat(a.content()).isNotEqualTo(b.content());
    }

    @Test
    void aPayloadMovedToAnotherRowDoesNotDecrypt() throws Exception {
        PayloadCipher k1 = cipher(Map.of("enabled", "true", "key-id", "k1", "key-file", keyFile("k1", 32).toString()));
        PayloadCipher.Sealed sealed = k1.seal(7, "00YY", "message-a", "sha", "<d/>".getBytes(StandardCharsets.UTF_8));
        assertThat(k1.open(7, "00YY", "message-a", "sha", sealed)).asString(StandardCharsets.UTF_8).isEqualTo("<d/>");
        assertThatThrownBy(() -> k1.open(8, "00YY", "message-a", "sha", sealed))
                .isInstanceOf(PayloadCipher.UnreadablePayload.class).hasMessageContaining("not this message's payload");
        assertThatThrownBy(() -> k1.open(7, "00YY", "message-b", "sha", sealed))
                .isInstanceOf(PayloadCipher.UnreadablePayload.class);
    }

    @Test
    void afterRotationOldPayloadsStayReadableAndNewOnesUseTheNewKey() throws Exception {
        Path k1File = keyFile("k1", 32);
        PayloadCipher k1 = cipher(Map.of("enabled", "true", "key-id", "k1", "key-file", k1File.toString()));
        long old = new AcceptanceStore(store, new AuditTrail(), k1).accept(StoreTestSupport.dossier("before"),
                StoreTestSupport.T0, "me", StoreTestSupport.T0).messagePk();

        String k2 = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        PayloadCipher rotated = cipher(Map.of("enabled", "true", "key-id", "k2", "key-env", "OSO_KEY_K2",
                "previous-keys", "k1=file:" + k1File), Map.of("OSO_KEY_K2", k2));
        rotated.checkReadable(store.dataSource());
        DeliveryJobs deliveries = new DeliveryJobs(store, new AuditTrail(), rotated);
        long fresh = new AcceptanceStore(store, new AuditTrail(), rotated).accept(StoreTestSupport.dossier("after"), StoreTestSupport.T0, "me",
                StoreTestSupport.T0).messagePk();
        assertThat(StoreTestSupport.string(store, "SELECT key_id FROM dossier_payload WHERE message_pk = ?", fresh))
                .isEqualTo("k2");
        assertThat(new String(deliveries.claim(old, "me", StoreTestSupport.T0, StoreTestSupport.T0.plusSeconds(60))
                .orElseThrow().canonicalDossier(), StandardCharsets.UTF_8)).contains("<id>before</id>");
        assertThat(new String(deliveries.claim(fresh, "me", StoreTestSupport.T0, StoreTestSupport.T0.plusSeconds(60))
                .orElseThrow().canonicalDossier(), StandardCharsets.UTF_8)).contains("<id>after</id>");

        // turned off again: new payloads are stored as they are, the encrypted ones are still read
        PayloadCipher off = cipher(Map.of("previous-keys", "k1=file:" + k1File + ", k2=env:OSO_KEY_K2"),
                Map.of("OSO_KEY_K2", k2));
        assertThat(off.currentKeyId()).isNull();
        off.checkReadable(store.dataSource());
    }

    @Test
    void aPayloadWhoseKeyIsMissingRefusesTheStartAndFailsItsDeliveryClearly() throws Exception {
        PayloadCipher k1 = cipher(Map.of("enabled", "true", "key-id", "k1", "key-file", keyFile("k1", 32).toString()));
        long pk = new AcceptanceStore(store, new AuditTrail(), k1).accept(StoreTestSupport.dossier("orphan"),
                StoreTestSupport.T0, "me", StoreTestSupport.T0).messagePk();
        PayloadCipher k2Only = cipher(Map.of("enabled", "true", "key-id", "k2", "key-file", keyFile("k2", 32).toString()));

        assertThatThrownBy(() -> k2Only.checkReadable(store.dataSource())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 payload(s) with key id 'k1'").hasMessageContaining("previous-keys");
        assertThatThrownBy(() -> PayloadCipher.NONE.checkReadable(store.dataSource()))
                .hasMessageContaining("key id 'k1'");

        DeliveryJobs deliveries = new DeliveryJobs(store, new AuditTrail(), k2Only);
        assertThat(deliveries.claim(pk, "me", StoreTestSupport.T0, StoreTestSupport.T0.plusSeconds(60))).isEmpty();
        DeliveryStatus status = new DeliveryQueries(store).status(pk).orElseThrow();
        assertThat(status.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(status.lastErrorCode()).isEqualTo(DeliveryJobs.PAYLOAD_UNREADABLE);
        assertThat(status.lastErrorMessage()).contains("encrypted with key id 'k1', which this gateway does not have");
        // the payload is kept: with the key configured again an operator re-sends it
        assertThat(deliveries.resend(pk, "ops", "key restored", StoreTestSupport.T0)).isTrue();
    }

    @Test
    void missingOrMalformedKeysAreClearStartUpErrors() throws Exception {
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true", "key-id", "k1", "key-file",
                dir.resolve("absent.key").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.store.encryption.key-file: the key file " + dir.resolve("absent.key")
                        + " does not exist");
        Path shortKey = keyFile("short.key", 16);
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true", "key-id", "k1", "key-file", shortKey.toString())))
                .hasMessageContaining("the key must be 32 bytes (AES-256) in base64, not 16 bytes");
        Files.writeString(dir.resolve("text.key"), "not a key!");
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true", "key-id", "k1", "key-file",
                dir.resolve("text.key").toString()))).hasMessageContaining("the key is not base64");
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true", "key-id", "k1", "key-env", "OSO_NOT_SET")))
                .hasMessageContaining("the environment variable 'OSO_NOT_SET' is not set");
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true")))
                .hasMessageContaining("enabled=true needs gateway.store.encryption.key-id");
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true", "key-id", "k1")))
                .hasMessageContaining("exactly one of gateway.store.encryption.key-file and gateway.store.encryption.key-env");
        assertThatThrownBy(() -> cipher(Map.of("previous-keys", "k0=/etc/key")))
                .hasMessageContaining("must look like ID=file:/path/to/key or ID=env:VARIABLE");
        assertThatThrownBy(() -> cipher(Map.of("enabled", "true", "key-id", "bad id", "key-file", shortKey.toString())))
                .hasMessageContaining("a key id is 1-32 of");
        // off by default: nothing configured, nothing encrypted
        assertThat(cipher(Map.of()).currentKeyId()).isNull();
    }
}
