package org.osogateway.soap.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate revocation lists of {@code gateway.soap.tls.crl-files} (PEM or DER), re-read when a file
 * changes (modification time or size, looked at no more often than the check interval). A file that
 * cannot be read at start refuses the start; one that breaks later keeps its last good CRLs, with a warning.
 */
public final class CrlSource {
    private static final Logger LOG = LoggerFactory.getLogger(CrlSource.class);

    private final Map<Path, Loaded> files = new LinkedHashMap<>();
    private final Duration checkInterval;
    private final Clock clock;
    /** Read without the lock on every handshake and request; only a due check takes the lock. */
    private volatile Instant nextCheck;
    private volatile List<X509CRL> current;
    private volatile long generation;

    private record Stamp(long modifiedMillis, long size) {
    }

    /** What one file last gave: its stamp when read, its CRLs, and the stamp of a failed read (warned once). */
    private record Loaded(Stamp stamp, List<X509CRL> crls, Stamp failed) {
    }

    public CrlSource(List<Path> crlFiles, Duration checkInterval, Clock clock) {
        this.checkInterval = checkInterval;
        this.clock = clock;
        for (Path file : crlFiles) {
            try {
                Stamp stamp = stamp(file);
                files.put(file, new Loaded(stamp, read(file), null));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("gateway.soap.tls.crl-files: cannot read the CRL file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        this.current = collect();
        this.nextCheck = clock.instant().plus(checkInterval);
    }

    /** No CRLs: revocation is not checked. */
    public boolean isEmpty() {
        return files.isEmpty();
    }

    public List<Path> files() {
        return List.copyOf(files.keySet());
    }

    /** The CRLs in force, re-read first if the check interval has passed and a file changed. */
    public List<X509CRL> crls() {
        refreshIfDue();
        return current;
    }

    /** Increases each time the CRLs in force change, so that users can rebuild what depends on them. */
    public long generation() {
        refreshIfDue();
        return generation;
    }

    private void refreshIfDue() {
        if (files.isEmpty() || clock.instant().isBefore(nextCheck)) {
            return;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(nextCheck)) {
                return;
            }
            nextCheck = now.plus(checkInterval);
            boolean changed = false;
            for (Map.Entry<Path, Loaded> e : files.entrySet()) {
                Loaded next = reloadIfChanged(e.getKey(), e.getValue());
                if (!next.stamp().equals(e.getValue().stamp())) {
                    changed = true;
                }
                e.setValue(next);
            }
            if (changed) {
                current = collect();
                generation++;
            }
        }
    }

    private static Loaded reloadIfChanged(Path file, Loaded last) {
        Stamp stamp;
        try {
            stamp = stamp(file);
        } catch (IOException e) {
            return failed(file, last, new Stamp(-1, -1), e);
        }
        if (stamp.equals(last.stamp()) || stamp.equals(last.failed())) {
            return last;
        }
        try {
            List<X509CRL> crls = read(file);
            LOG.info("CRL file {} reloaded: {} CRL(s)", file, crls.size());
            return new Loaded(stamp, crls, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return failed(file, last, stamp, e);
        }
    }

    private static Loaded failed(Path file, Loaded last, Stamp stamp, Exception e) {
        if (!stamp.equals(last.failed())) {
            LOG.warn("CRL file {} could not be reloaded ({}); its last good CRLs stay in force", file, e.getMessage());
        }
        return new Loaded(last.stamp(), last.crls(), stamp);
    }

    private List<X509CRL> collect() {
        List<X509CRL> all = new ArrayList<>();
        files.values().forEach(l -> all.addAll(l.crls()));
        return List.copyOf(all);
    }

    private static Stamp stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime().toMillis(), a.size());
    }

    /** Every CRL in the file; CertificateFactory reads DER as well as PEM (one or more blocks). */
    static List<X509CRL> read(Path file) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        Collection<? extends CRL> crls = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes));
        if (crls.isEmpty()) {
            throw new GeneralSecurityException("no CRL in the file");
        }
        return crls.stream().map(X509CRL.class::cast).toList();
    }
}
