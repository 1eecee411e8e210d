package org.osogateway.soap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;
import org.osogateway.pki.Revocation;
import org.slf4j.LoggerFactory;

class CrlSourceTest {
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static IssuedCertificate ca;

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock();
    ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void makeCa() {
        Instant now = Instant.now();
        ca = DevPki.createCa("CRL Test CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(CrlSource.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(CrlSource.class)).detachAppender(log);
    }

    @Test
    void readsPemAndDerFiles() throws Exception {
        Path pem = dir.resolve("a.crl");
        Path der = dir.resolve("b.crl");
        DevPki.writeCrl(pem, crl(1, 11));
        Files.write(der, crl(2, 12, 13).getEncoded());

        CrlSource source = new CrlSource(List.of(pem, der), INTERVAL, clock);

        assertThat(source.crls()).hasSize(2);
        assertThat(source.crls().get(0).getRevokedCertificate(BigInteger.valueOf(11))).isNotNull();
        assertThat(source.crls().get(1).getRevokedCertificates()).hasSize(2);
    }

    @Test
    void aMissingFileAtStartRefusesToStartNamingIt() {
        Path missing = dir.resolve("missing.crl");

        assertThatThrownBy(() -> new CrlSource(List.of(missing), INTERVAL, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gateway.soap.tls.crl-files: cannot read the CRL file " + missing + ": ");
    }

    @Test
    void aBrokenFileAtStartRefusesToStartNamingIt() throws Exception {
        Path broken = dir.resolve("broken.crl");
        Files.writeString(broken, "-----BEGIN X509 CRL-----\nbm90IGEgY3Js\n-----END X509 CRL-----\n");

        assertThatThrownBy(() -> new CrlSource(List.of(broken), INTERVAL, clock))
                .hasMessageStartingWith("gateway.soap.tls.crl-files: cannot read the CRL file " + broken + ": ");
    }

    @Test
    void aChangedFileIsReloadedOnceTheCheckIntervalHasPassed() throws Exception {
        Path file = dir.resolve("ca.crl");
        DevPki.writeCrl(file, crl(1));
        CrlSource source = new CrlSource(List.of(file), INTERVAL, clock);
        long before = source.generation();

        rewrite(file, crl(2, 42));
        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(source.crls().get(0).getRevokedCertificates()).as("not looked at before the interval").isNull();

        clock.advance(Duration.ofSeconds(1));
        assertThat(source.crls().get(0).getRevokedCertificate(BigInteger.valueOf(42))).isNotNull();
        assertThat(source.generation()).isEqualTo(before + 1);
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws Exception {
        Path file = dir.resolve("ca.crl");
        DevPki.writeCrl(file, crl(1));
        CrlSource source = new CrlSource(List.of(file), INTERVAL, clock);
        long before = source.generation();

        clock.advance(INTERVAL.multipliedBy(3));

        assertThat(source.generation()).isEqualTo(before);
        assertThat(log.list).isEmpty();
    }

    @Test
    void aBrokenFileAtReloadKeepsTheLastGoodCrlAndWarnsOnce() throws Exception {
        Path file = dir.resolve("ca.crl");
        DevPki.writeCrl(file, crl(1, 7));
        CrlSource source = new CrlSource(List.of(file), INTERVAL, clock);
        List<X509CRL> good = source.crls();
        long before = source.generation();

        Files.writeString(file, "garbage that is no CRL at all");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(INTERVAL);
        assertThat(source.crls()).isEqualTo(good);
        clock.advance(INTERVAL);
        assertThat(source.generation()).isEqualTo(before);

        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        assertThat(log.list.get(0).getFormattedMessage()).startsWith("CRL file " + file + " could not be reloaded (")
                .endsWith("); its last good CRLs stay in force");
    }

    @Test
    void aDeletedFileAtReloadKeepsTheLastGoodCrl() throws Exception {
        Path file = dir.resolve("ca.crl");
        DevPki.writeCrl(file, crl(1, 7));
        CrlSource source = new CrlSource(List.of(file), INTERVAL, clock);

        Files.delete(file);
        clock.advance(INTERVAL);

        assertThat(source.crls()).hasSize(1);
        assertThat(source.crls().get(0).getRevokedCertificate(BigInteger.valueOf(7))).isNotNull();
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains("could not be reloaded");
    }

    @Test
    void aFixedFileAfterABrokenOneIsLoaded() throws Exception {
        Path file = dir.resolve("ca.crl");
        DevPki.writeCrl(file, crl(1));
        CrlSource source = new CrlSource(List.of(file), INTERVAL, clock);
        Files.writeString(file, "garbage");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(INTERVAL);
        source.crls();

        rewrite(file, crl(3, 99));
        clock.advance(INTERVAL);

        assertThat(source.crls().get(0).getRevokedCertificate(BigInteger.valueOf(99))).isNotNull();
    }

    private static X509CRL crl(long number, long... revokedSerials) {
        Instant thisUpdate = Instant.now().minusSeconds(60);
        List<Revocation> entries = java.util.Arrays.stream(revokedSerials)
                .mapToObj(s -> new Revocation(BigInteger.valueOf(s), thisUpdate)).toList();
        return DevPki.createCrlFor(ca, entries, BigInteger.valueOf(number), thisUpdate, thisUpdate.plus(Duration.ofDays(1)));
    }

    /** Writes the CRL and moves the modification time on, so the change shows even within the file system's granularity. */
    private static void rewrite(Path file, X509CRL crl) throws Exception {
        FileTime last = Files.getLastModifiedTime(file);
        DevPki.writeCrl(file, crl);
        Files.setLastModifiedTime(file, FileTime.fromMillis(last.toMillis() + 2000));
    }

    /** A clock that tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
