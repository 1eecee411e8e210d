package org.osogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osogateway.admin.AdminTokens.Role;

class AdminTokensTest {
    @Test
    void aConfiguredSecretAuthenticatesAsItsNamedHolder() {
        String alice = AdminTokens.newSecret();
        String bot = AdminTokens.newSecret();
        AdminTokens tokens = AdminTokens.parse(AdminTokens.entry("alice", EnumSet.of(Role.READ, Role.DELIVERIES), alice)
                + " ; " + AdminTokens.entry("ci-bot", Set.of(Role.REGISTRY), bot));

        assertThat(tokens.names()).containsExactly("alice", "ci-bot");
        AdminTokens.Principal a = tokens.fromBearer("Bearer " + alice).orElseThrow();
        assertThat(a.name()).isEqualTo("alice");
        assertThat(a.may(Role.DELIVERIES)).isTrue();
        assertThat(a.may(Role.REGISTRY)).isFalse();
        AdminTokens.Principal b = tokens.authenticate(bot).orElseThrow();
        assertThat(b.name()).isEqualTo("ci-bot");
        assertThat(b.may(Role.READ)).as("every token may read").isTrue();
        assertThat(tokens.authenticate(alice + "x")).isEmpty();
        assertThat(tokens.fromBearer(alice)).as("without the Bearer scheme").isEmpty();
        assertThat(AdminTokens.none().authenticate(alice)).isEmpty();
    }

    @Test
    void theEntryHoldsTheHashNotTheSecret() {
        String secret = AdminTokens.newSecret();
        assertThat(secret).startsWith("oso_").hasSize(47);
        String entry = AdminTokens.entry("ops", Set.of(Role.READ), secret);
        assertThat(entry).startsWith("ops:read:sha256:").doesNotContain(secret.substring(4));
    }

    @Test
    void malformedEntriesNameTheSettingAndPosition() {
        String hash = "0".repeat(64);
        assertThatThrownBy(() -> AdminTokens.parse("a:read:sha256:" + hash + ";b:write:sha256:" + hash))
                .hasMessageContaining("gateway.admin.tokens, entry 2").hasMessageContaining("unknown role 'write'");
        assertThatThrownBy(() -> AdminTokens.parse("a:read:plaintoken"))
                .hasMessageContaining("entry 1").hasMessageContaining("sha256");
        assertThatThrownBy(() -> AdminTokens.parse("a:read:sha256:" + hash + ";a:read:sha256:" + hash))
                .hasMessageContaining("also used by entry 1");
        assertThatThrownBy(() -> AdminTokens.parse("a:read:sha256:abc")).hasMessageContaining("64 hex digits");
    }
}
