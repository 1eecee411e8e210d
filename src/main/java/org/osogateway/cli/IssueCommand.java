package org.osogateway.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.osogateway.pki.IssuedCertificate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The shared part of {@code certs server} and {@code certs client}: read the CA, issue, write FILE.p12/.pem/-key.pem. */
abstract class IssueCommand implements Callable<Integer> {
    @Mixin
    CertsOptions options;
    @Spec
    CommandSpec spec;
    @Option(names = "--ca", required = true, paramLabel = "CA.p12", description = "The CA keystore (from 'certs ca').")
    Path caFile;
    @Option(names = "--out", required = true, paramLabel = "FILE.p12", description = "Keystore to write.")
    Path out;
    @Option(names = "--days", defaultValue = "365", description = "Validity in days. Default: ${DEFAULT-VALUE}.")
    int days;

    /** Rejects bad options before any file is read or written. */
    void checkInput() {
    }

    abstract IssuedCertificate issue(IssuedCertificate ca, Instant notBefore, Instant notAfter);

    @Override
    public Integer call() throws Exception {
        checkInput();
        CertFiles files = options.files();
        Path pem = CertFiles.pemFor(out);
        Path key = CertFiles.keyFor(out);
        files.checkWritable(List.of(out, pem, key));
        IssuedCertificate ca = files.readCa(caFile);
        IssuedCertificate cert = issue(ca, CertsOptions.notBefore(), options.notAfter(days, "--days"));
        files.writeWithPem(out, spec.name(), cert);
        spec.commandLine().getOut().printf("%s certificate %s (until %s): %s, %s, %s%n", spec.name(),
                cert.certificate().getSubjectX500Principal(), cert.certificate().getNotAfter().toInstant(), out, pem, key);
        return 0;
    }
}
