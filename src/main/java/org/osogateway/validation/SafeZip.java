package org.osogateway.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Extracts a ZIP into a folder, refusing entries that would land outside it (zip-slip) and capping size and entry count. */
public final class SafeZip {
    /** Default cap on the total extracted bytes; an official release is a few megabytes. */
    public static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;
    /** Default cap on the number of entries. */
    public static final int DEFAULT_MAX_ENTRIES = 5_000;

    private SafeZip() {
    }

    /** True when the file starts with a ZIP local-file or empty-archive signature. */
    public static boolean looksLikeZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K'
                    && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Extracts every entry of {@code zip} under {@code into} (which must exist and be empty).
     *
     * @throws ReleaseInstallException BAD_INPUT for an unsafe entry name, too many entries, too many bytes or a broken ZIP
     */
    public static void extract(Path zip, Path into, long maxBytes, int maxEntries) throws ReleaseInstallException, IOException {
        Path root = into.toAbsolutePath().normalize();
        long total = 0;
        int count = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > maxEntries) {
                    throw ReleaseInstallException.badInput("ZIP " + zip + " has more than " + maxEntries + " entries");
                }
                Path target = safeTarget(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    // Count what is really inflated: the sizes in the ZIP's directory may lie.
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw ReleaseInstallException.badInput("ZIP " + zip + " extracts to more than " + maxBytes + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw ReleaseInstallException.badInput("Not a readable ZIP: " + zip + " (" + e.getMessage() + ")");
        }
    }

    /** The entry's path under root; refuses absolute names, drive letters and any ".." segment. */
    static Path safeTarget(Path root, String name) throws ReleaseInstallException {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            throw ReleaseInstallException.badInput("Unsafe ZIP entry refused (absolute path): " + name);
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw ReleaseInstallException.badInput("Unsafe ZIP entry refused (path outside the archive, zip-slip): " + name);
            }
        }
        Path target = root.resolve(n).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw ReleaseInstallException.badInput("Unsafe ZIP entry refused (path outside the archive, zip-slip): " + name);
        }
        return target;
    }
}
