package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZIP extraction for release installs: zip-slip, absolute names and the size and entry caps. */
class SafeZipTest {

    @Test
    void unsafeNamesAreRefused(@TempDir Path root) {
        for (String name : new String[] {"../x", "a/../../x", "/etc/passwd", "\\windows\\x", "C:/x", "a\\..\\..\\x", ".."}) {
            assertThatThrownBy(() -> SafeZip.safeTarget(root, name)).as(name)
                    .isInstanceOf(ReleaseInstallException.class)
                    .satisfies(e -> assertThat(((ReleaseInstallException) e).kind()).isEqualTo(ReleaseInstallException.Kind.BAD_INPUT))
                    .hasMessageContaining("Unsafe ZIP entry");
        }
    }

    @Test
    void ordinaryNamesLandInsideTheFolder(@TempDir Path root) throws Exception {
        assertThat(SafeZip.safeTarget(root, "2019.1/OV/examples/a.xml"))
                .isEqualTo(root.resolve("2019.1/OV/examples/a.xml"));
        assertThat(SafeZip.safeTarget(root, "2019.1/release notes..txt")).isEqualTo(root.resolve("2019.1/release notes..txt"));
    }

    @Test
    void capsOnBytesAndEntries(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("big.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 3; i++) {
                out.putNextEntry(new ZipEntry("f" + i));
                out.write(new byte[1000]);
            }
        }
        assertThat(SafeZip.looksLikeZip(zip)).isTrue();
        assertThatThrownBy(() -> SafeZip.extract(zip, Files.createDirectories(tmp.resolve("a")), 2500, 100))
                .hasMessageContaining("more than 2500 bytes");
        assertThatThrownBy(() -> SafeZip.extract(zip, Files.createDirectories(tmp.resolve("b")), 1_000_000, 2))
                .hasMessageContaining("more than 2 entries");
        SafeZip.extract(zip, Files.createDirectories(tmp.resolve("c")), 3000, 3);
        assertThat(tmp.resolve("c/f2")).hasSize(1000);
    }
}
