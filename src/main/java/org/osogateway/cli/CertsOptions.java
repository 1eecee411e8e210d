package org.osogateway.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every {@code certs} command shares: the store password, --force and the validity in days. */
final class CertsOptions {
    static final String PASSWORD_ENV = "OSO_CERTS_PASSWORD";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password of every store read and written (also the --ca keystore). Default: environment "
                    + PASSWORD_ENV + ", else the development password 'changeit'.")
    char[] password;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    /** The password: --password, then the environment, then the development default (with a warning). */
    char[] password() {
        return StorePassword.resolve(password, List.of(PASSWORD_ENV), spec.commandLine().getErr());
    }

    CertFiles files() {
        return new CertFiles(spec.commandLine(), password(), force);
    }

    /** One hour back, so that a certificate made now is valid on a machine whose clock is a little behind. */
    static Instant notBefore() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    }

    Instant notAfter(int days, String option) {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + days);
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(days));
    }
}
