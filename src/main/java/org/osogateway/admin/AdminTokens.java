package org.osogateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named admin tokens of {@code gateway.admin.tokens}: each entry is {@code name:role,role:sha256:<hex>}, entries
 * separated by {@code ;}. Only the SHA-256 of each secret is configured (the secrets are 256 random bits, so a plain
 * hash suffices); a presented secret is matched by comparing hashes in constant time, and the matching token's name
 * is the actor every change is audited with.
 */
public final class AdminTokens {
    /** The setting that holds the tokens. */
    public static final String SETTING = "gateway.admin.tokens";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token may do. Every role may read; {@code registry} and {@code deliveries} may also change. */
    public enum Role {
        /** GET on every admin resource and the status page. */
        READ,
        /** Create, change, end and import registry entries. */
        REGISTRY,
        /** Re-send and purge deliveries. */
        DELIVERIES;

        /** The role as written in configuration: lower case. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A verified token holder: its configured name and roles. */
    public record Principal(String name, Set<Role> roles) {
        public Principal {
            roles = Set.copyOf(roles);
        }

        /** True when this token may do what {@code role} stands for ({@link Role#READ} is granted to every token). */
        public boolean may(Role role) {
            return role == Role.READ || roles.contains(role);
        }
    }

    private record Entry(Principal principal, byte[] hash) {
    }

    private final List<Entry> entries;

    private AdminTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: every call is refused. */
    public static AdminTokens none() {
        return new AdminTokens(List.of());
    }

    /**
     * Parses the value of {@link #SETTING}; a malformed entry throws {@link IllegalArgumentException} naming the
     * setting and the entry's position (never its hash).
     */
    public static AdminTokens parse(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> names = new LinkedHashMap<>();
        String[] parts = value.split(";");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            String where = SETTING + ", entry " + (i + 1);
            String[] fields = part.split(":", -1);
            if (fields.length != 4 || !fields[2].trim().equals("sha256")) {
                throw new IllegalArgumentException(where + ": expected name:role[,role]:sha256:<64 hex digits>"
                        + " (make one with 'oso-gateway admin-token new')");
            }
            String name = fields[0].trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": the name must be 1-64 of A-Z a-z 0-9 . _ @ -");
            }
            if (names.putIfAbsent(name, i + 1) != null) {
                throw new IllegalArgumentException(where + ": the name '" + name + "' is also used by entry "
                        + names.get(name));
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : fields[1].split(",")) {
                roles.add(role(role.trim(), where));
            }
            String hash = fields[3].trim().toLowerCase(Locale.ROOT);
            if (!HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException(where + ": the hash must be 64 hex digits (the SHA-256 of the secret)");
            }
            entries.add(new Entry(new Principal(name, roles), HexFormat.of().parseHex(hash)));
        }
        return new AdminTokens(entries);
    }

    private static Role role(String value, String where) {
        for (Role r : Role.values()) {
            if (r.configName().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException(where + ": unknown role '" + value + "'; roles are read, registry, deliveries");
    }

    /** True when no token is configured (the admin API and status page then refuse everything). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The configured token names, in order (for the start-up log; no hashes). */
    public List<String> names() {
        return entries.stream().map(e -> e.principal().name()).toList();
    }

    /** The holder of {@code secret}, if it is one of the configured tokens. Every entry is compared: no early exit. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = sha256(secret.trim());
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), presented) && found == null) {
                found = e.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The holder of an {@code Authorization: Bearer <secret>} header value. */
    public Optional<Principal> fromBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return authenticate(authorization.substring(7));
    }

    /** A new random secret: {@code oso_} and 43 base64url characters (256 bits). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "oso_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The configuration entry for a token: {@code name:roles:sha256:<hex of the secret's hash>}. */
    public static String entry(String name, Set<Role> roles, String secret) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the token name must be 1-64 of A-Z a-z 0-9 . _ @ -");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one role: read, registry, deliveries");
        }
        StringBuilder b = new StringBuilder(name).append(':');
        roles.stream().sorted().forEach(r -> b.append(b.charAt(b.length() - 1) == ':' ? "" : ",").append(r.configName()));
        return b.append(":sha256:").append(HexFormat.of().formatHex(sha256(secret))).toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
