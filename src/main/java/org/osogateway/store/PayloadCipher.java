package org.osogateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Encryption of dossier payloads at rest (gateway.store.encryption.*): AES-256-GCM with a random 96-bit nonce per
 * payload, the message's identifiers as associated data (a payload moved to another row does not decrypt), and
 * the key id stored beside it so that keys rotate: the current key encrypts, older keys still decrypt.
 */
public final class PayloadCipher {
    /** Writes payloads as they are and reads only those. */
    public static final PayloadCipher NONE = new PayloadCipher(null, Map.of());
    static final String PREFIX = "gateway.store.encryption.";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** How many bytes a sealed payload holds beyond its dossier: the nonce and the GCM tag. */
    static final int SEALED_OVERHEAD = NONCE_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    private PayloadCipher(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /** A payload as stored: its bytes and the id of the key that encrypted them (null: not encrypted). */
    public record Sealed(byte[] content, String keyId) {
    }

    /** A stored payload that cannot be read: its key is not configured, or it does not belong to its row. */
    public static final class UnreadablePayload extends Exception {
        UnreadablePayload(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * From the settings ({@code setting} answers a key such as gateway.store.encryption.key-id, null when unset)
     * and the environment. Every configured key is loaded, also with enabled=false, so payloads written before
     * encryption was turned off stay readable. A missing or malformed key stops the start here.
     */
    public static PayloadCipher fromSettings(Function<String, String> setting, Function<String, String> environment) {
        boolean enabled = Boolean.parseBoolean(value(setting, "enabled"));
        String keyId = value(setting, "key-id");
        String file = value(setting, "key-file");
        String env = value(setting, "key-env");
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        if (enabled && keyId.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "enabled=true needs " + PREFIX + "key-id (and its key in "
                    + PREFIX + "key-file or " + PREFIX + "key-env)");
        }
        if (!keyId.isEmpty()) {
            checkKeyId(keyId, PREFIX + "key-id");
            if (file.isEmpty() == env.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + "key-id " + keyId + " needs its key in exactly one of "
                        + PREFIX + "key-file and " + PREFIX + "key-env");
            }
            keys.put(keyId, file.isEmpty() ? fromEnvironment(env, environment, PREFIX + "key-env")
                    : fromFile(Path.of(file), PREFIX + "key-file"));
        }
        for (String entry : value(setting, "previous-keys").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String where = PREFIX + "previous-keys entry '" + entry.trim() + "'";
            int eq = entry.indexOf('=');
            String id = eq < 0 ? "" : entry.substring(0, eq).trim();
            String source = eq < 0 ? "" : entry.substring(eq + 1).trim();
            checkKeyId(id, where);
            SecretKeySpec key;
            if (source.startsWith("file:")) {
                key = fromFile(Path.of(source.substring(5)), where);
            } else if (source.startsWith("env:")) {
                key = fromEnvironment(source.substring(4), environment, where);
            } else {
                throw new IllegalArgumentException(where + " must look like ID=file:/path/to/key or ID=env:VARIABLE");
            }
            if (keys.putIfAbsent(id, key) != null) {
                throw new IllegalArgumentException(where + ": key id " + id + " is configured twice");
            }
        }
        return new PayloadCipher(enabled ? keyId : null, keys);
    }

    /** The key id new payloads are encrypted with; null when they are stored as they are. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The payload to store for a message: encrypted with the current key, or as it is when encryption is off. */
    public Sealed seal(long messagePk, String senderBrin, String messageId, String sha256, byte[] dossier) {
        if (currentKeyId == null) {
            return new Sealed(dossier, null);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(associatedData(messagePk, senderBrin, messageId, sha256, currentKeyId));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + aes.getOutputSize(dossier.length));
            out.put(nonce);
            aes.doFinal(ByteBuffer.wrap(dossier), out);
            return new Sealed(out.array(), currentKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The dossier bytes of a stored payload. */
    public byte[] open(long messagePk, String senderBrin, String messageId, String sha256, Sealed stored)
            throws UnreadablePayload {
        if (stored.keyId() == null) {
            return stored.content();
        }
        SecretKeySpec key = keys.get(stored.keyId());
        if (key == null) {
            throw new UnreadablePayload("the payload of message " + messagePk + " is encrypted with key id '" + stored.keyId()
                    + "', which this gateway does not have (" + PREFIX + "key-id / previous-keys)", null);
        }
        byte[] c = stored.content();
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, c, 0, NONCE_BYTES));
            aes.updateAAD(associatedData(messagePk, senderBrin, messageId, sha256, stored.keyId()));
            return aes.doFinal(c, NONCE_BYTES, c.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadablePayload("the payload of message " + messagePk + " does not decrypt with key id '"
                    + stored.keyId() + "': altered, or not this message's payload", e);
        }
    }

    /** Refuses the start when stored payloads use a key id that is not configured. */
    public void checkReadable(DataSource ds) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT key_id, COUNT(*) FROM dossier_payload WHERE key_id IS NOT NULL GROUP BY key_id")) {
            while (rs.next()) {
                if (!keys.containsKey(rs.getString(1))) {
                    missing.add(rs.getLong(2) + " payload(s) with key id '" + rs.getString(1) + "'");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the store holds encrypted payloads whose key is not configured: "
                    + String.join(", ", missing) + "; add each key to " + PREFIX + "previous-keys (ID=file:/path or"
                    + " ID=env:VARIABLE) so they can still be delivered");
        }
    }

    // Binds a payload to its row: the same bytes under another message's identifiers fail the GCM tag check.
    private static byte[] associatedData(long pk, String senderBrin, String messageId, String sha256, String keyId) {
        return String.join("\n", "oso-gateway payload v1", Long.toString(pk), senderBrin, messageId, sha256, keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKeySpec fromFile(Path file, String setting) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(setting + ": the key file " + file + " does not exist or cannot be read");
        }
        try {
            return key(Files.readString(file, StandardCharsets.US_ASCII), setting + " (" + file + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec fromEnvironment(String variable, Function<String, String> environment, String setting) {
        String value = variable.isBlank() ? null : environment.apply(variable.trim());
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + ": the environment variable '" + variable.trim() + "' is not set");
        }
        return key(value, setting + " (environment variable " + variable.trim() + ")");
    }

    private static SecretKeySpec key(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the key is not base64 (make one with: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(where + ": the key must be 32 bytes (AES-256) in base64, not "
                    + bytes.length + " bytes (make one with: openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static void checkKeyId(String id, String setting) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(setting + ": a key id is 1-32 of A-Z a-z 0-9 . _ - (it is stored with each"
                    + " payload), not '" + id + "'");
        }
    }

    private static String value(Function<String, String> setting, String name) {
        String v = setting.apply(PREFIX + name);
        return v == null ? "" : v.trim();
    }
}
