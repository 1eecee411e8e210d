package org.osogateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database's password: generated on first start into {@code <database>.password} beside the
 * database, readable by its owner only (rw-------). A database created with the old empty password gets the new
 * one set on its first start, so an upgrade keeps its data.
 */
final class EmbeddedPassword {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** H2's "Wrong user name or password". */
    private static final int WRONG_PASSWORD = 28000;

    private EmbeddedPassword() {
    }

    static Path fileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".password");
    }

    /** The password to open {@code database} with; creates it (and sets it on an old database) when there is none. */
    static String prepare(Path database, String url, String user) {
        Path file = fileOf(database);
        // written first and renamed only once the database has it: a crash in between loses no password
        Path pending = database.resolveSibling(database.getFileName() + ".password.new");
        try {
            if (Files.exists(file)) {
                keepOwnerOnly(file);
                return read(file);
            }
            String password = Files.exists(pending) ? read(pending) : write(pending, generate());
            if (Files.exists(database.resolveSibling(database.getFileName() + ".mv.db"))) {
                upgrade(url, user, password, database);
            }
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("embedded store password kept in {} (owner-only)", file);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded store's password in " + file, e);
        }
    }

    // An existing database: opened once with the old empty password, which is then replaced.
    private static void upgrade(String url, String user, String password, Path database) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return; // it has this password already (an earlier start stopped before renaming the file)
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_PASSWORD) {
                throw new IllegalStateException("cannot open the embedded store " + database + ": " + e.getMessage(), e);
            }
        }
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement()) {
            // the password is base64url: nothing to escape
            s.execute("SET PASSWORD '" + password + "'");
            LOG.info("embedded store {}: the empty password of user {} replaced by a generated one", database, user);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the embedded store " + database + " with the generated password"
                    + " nor with the old empty one (set gateway.store.password if it has another): " + e.getMessage(), e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String write(Path file, String password) throws IOException {
        Files.deleteIfExists(file);
        if (posix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
            LOG.warn("{}: the file system has no POSIX permissions; make sure only the gateway's user can read it", file);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        return password;
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty; restore the embedded store's password file");
        }
        return password;
    }

    private static void keepOwnerOnly(Path file) throws IOException {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("{} was readable by others: its permissions are set back to rw-------", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
