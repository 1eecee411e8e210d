package org.osogateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock (fcntl, via {@link FileChannel#tryLock()}) on {@code <database>.lock} beside the embedded
 * database: one process at a time uses the store. The kernel drops the lock when its process ends, also on
 * kill -9, so a restart never waits for a stale lock.
 */
final class DataFolderLock implements AutoCloseable {
    // Locks held by this JVM, by lock file: a second lock attempt must not open (and on close release, POSIX
    // locks being per process) the file a holder in this JVM has locked.
    private static final Map<Path, DataFolderLock> HELD = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of the H2 database at {@code databasePath} (the path without {@code .mv.db}). */
    static Path lockFileOf(Path databasePath) {
        return databasePath.resolveSibling(databasePath.getFileName() + ".lock");
    }

    /** Takes the lock or throws {@link StoreHeldException} at once; never waits. */
    static DataFolderLock acquire(Path databasePath) {
        Path lockFile = lockFileOf(databasePath.toAbsolutePath().normalize());
        Path folder = lockFile.getParent();
        if (HELD.containsKey(lockFile)) {
            throw new StoreHeldException(folder, lockFile, "in this process; ");
        }
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new StoreHeldException(folder, lockFile, holder);
            }
            DataFolderLock held = new DataFolderLock(lockFile, channel, lock);
            if (HELD.putIfAbsent(lockFile, held) != null) {
                lock.release();
                channel.close();
                throw new StoreHeldException(folder, lockFile, "in this process; ");
            }
            // who holds it, for the message a second gateway prints
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ManagementFactory.getRuntimeMXBean().getPid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + " (the embedded store's lock file)", e);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return text.matches("pid \\d+") ? text + "; " : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (HELD.remove(lockFile, this)) {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
