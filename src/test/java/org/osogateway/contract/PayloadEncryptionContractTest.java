package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.MockLas;
import org.osogateway.store.Store;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/** A gateway with payload encryption at rest: ciphertext in the store, the identical dossier at the LAS. */
class PayloadEncryptionContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");

    @TempDir
    Path tmp;

    private Path key(String name) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        return file;
    }

    @Test
    void anEncryptedPayloadIsDeliveredByteIdenticalAndItsKeyIsNeededToStart() throws Exception {
        Properties p = new Properties();
        p.setProperty("gateway.store.encryption.enabled", "true");
        p.setProperty("gateway.store.encryption.key-id", "2026-12");
        p.setProperty("gateway.store.encryption.key-file", key("k1.key").toString());
        Path workDir = tmp.resolve("gw");
        String id = "enc-" + UUID.randomUUID();
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(workDir, las.endpoint().toString(), p)) {
            assertThat(new GatewayClient(gw.soapUrl()).deliver(GatewayClient.request(id, "01AB",
                    Overdrachtsoort.OVERSTAPDOSSIER, DEMO)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(20)).until(() -> las.countFor(id) == 1);

            String storedSha;
            byte[] raw;
            String keyId;
            try (Connection c = gw.bean("store", Store.class).dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT m.dossier_sha256, p.content, p.key_id FROM dossier_message m"
                         + " JOIN dossier_payload p ON p.message_pk = m.id WHERE m.message_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    storedSha = rs.getString(1);
                    raw = rs.getBytes(2);
                    keyId = rs.getString(3);
                }
            }
            byte[] delivered = las.dossierFor(id).orElseThrow();
            assertThat(sha256(delivered)).isEqualTo(storedSha);
            assertThat(keyId).isEqualTo("2026-12");
            assertThat(sha256(raw)).isNotEqualTo(storedSha);
            assertThat(new String(raw, StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(delivered, StandardCharsets.ISO_8859_1).substring(0, 40))
                    .doesNotContain("urn:oso-gateway:demo:dossier:v1");
        }

        // the key rotated without keeping the old one: the stored payload would be unreadable, so no start
        p.setProperty("gateway.store.encryption.key-id", "2027-01");
        p.setProperty("gateway.store.encryption.key-file", key("k2.key").toString());
        assertThatThrownBy(() -> TestGateway.start(workDir, "http://127.0.0.1:9/las", p).close())
                .hasMessageContaining("1 payload(s) with key id '2026-12'")
                .hasMessageContaining("gateway.store.encryption.previous-keys");
        // a missing key file is named
        p.setProperty("gateway.store.encryption.key-file", tmp.resolve("gone.key").toString());
        assertThatThrownBy(() -> TestGateway.start(workDir, "http://127.0.0.1:9/las", p).close())
                .hasMessageContaining("gateway.store.encryption.key-file: the key file " + tmp.resolve("gone.key")
                        + " does not exist");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
