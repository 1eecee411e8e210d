package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osogateway.admin.AdminTokens;

/** {@code admin-token new}: the printed secret authenticates, through the printed entry, as the named token. */
class AdminTokenCommandTest {
    private static final Pattern SECRET = Pattern.compile("gateway.admin.client-token\\): (oso_\\S+)");
    private static final Pattern ENTRY = Pattern.compile("separated by ;\\): (\\S+)");

    @Test
    void thePrintedEntryHoldsTheHashOfThePrintedSecret() {
        CliRun made = CliRun.withSystemStreams("admin-token", "new", "--name", "ops-alice", "--roles", "read,deliveries");

        assertThat(made.exit()).isZero();
        Matcher secret = SECRET.matcher(made.out());
        Matcher entry = ENTRY.matcher(made.out());
        assertThat(secret.find()).as(made.out()).isTrue();
        assertThat(entry.find()).as(made.out()).isTrue();
        assertThat(entry.group(1)).startsWith("ops-alice:read,deliveries:sha256:").doesNotContain(secret.group(1));
        AdminTokens.Principal who = AdminTokens.parse(entry.group(1)).authenticate(secret.group(1)).orElseThrow();
        assertThat(who.name()).isEqualTo("ops-alice");
        assertThat(who.may(AdminTokens.Role.DELIVERIES)).isTrue();
        assertThat(who.may(AdminTokens.Role.REGISTRY)).isFalse();
    }

    @Test
    void anUnknownRoleIsNamed() {
        CliRun made = CliRun.withSystemStreams("admin-token", "new", "--name", "x", "--roles", "write");

        assertThat(made.exit()).isNotZero();
        assertThat(made.err()).contains("unknown role 'write'; roles are read, registry, deliveries");
    }
}
