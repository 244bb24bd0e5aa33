package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tecoplatform.npz.TestZips.concat;
import static org.tecoplatform.npz.TestZips.members;
import static org.tecoplatform.npz.TestZips.npyHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and damaged files: each is refused with a message naming file, member, expected and found. */
class NpzCorruptionTest {

    private static final String U1_2x3 = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }";

    @TempDir
    Path tmp;

    @Test
    void notAZip() throws IOException {
        Path file = Files.writeString(tmp.resolve("text.npz"), "this is not a zip archive\n");
        assertThatThrownBy(() -> NpzReader.open(file)).isInstanceOf(NpzFormatException.class)
                .hasMessageStartingWith(file + ": not a readable zip archive (expected a numpy .npz, a zip of .npy members; "
                        + "the file may be truncated or corrupt): ");
        Path empty = Files.write(tmp.resolve("empty.npz"), new byte[0]);
        assertThatThrownBy(() -> NpzReader.open(empty)).isInstanceOf(NpzFormatException.class)
                .hasMessageStartingWith(empty + ": not a readable zip archive");
        assertThatThrownBy(() -> NpzReader.open(tmp.resolve("absent.npz"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void truncatedZip() throws IOException {
        Path whole = episode(true);
        byte[] bytes = Files.readAllBytes(whole);
        for (int keep : new int[] {bytes.length / 2, bytes.length - 10, 40}) {
            Path cut = Files.write(tmp.resolve("cut" + keep + ".npz"), Arrays.copyOf(bytes, keep));
            assertThatThrownBy(() -> NpzReader.open(cut)).isInstanceOf(NpzFormatException.class)
                    .hasMessageStartingWith(cut + ": not a readable zip archive");
        }
    }

    @Test
    void corruptDeflatedData() throws IOException {
        Path file = episode(true);
        damageMiddleOf(file, "video.npy");
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.header("video").shape()).containsExactly(4, 64, 64, 3);
            assertThatThrownBy(() -> npz.read("video")).isInstanceOf(NpzFormatException.class)
                    .satisfies(e -> assertThat(((NpzFormatException) e).member()).isEqualTo("video.npy"))
                    .hasMessageMatching("\\Q" + file + ", member video.npy: \\E(corrupt or truncated zip data \\(expected a readable deflated"
                            + " .npy member\\): .*|corrupt member: the zip directory expects CRC-32 [0-9a-f]{8}, the data read has [0-9a-f]{8})");
        }
    }

    @Test
    void corruptStoredDataFailsTheCrc() throws IOException {
        Path file = episode(false);
        damageMiddleOf(file, "video.npy");
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.read("video"))
                    .hasMessageMatching("\\Q" + file + ", member video.npy: corrupt member: the zip directory expects CRC-32 \\E"
                            + "[0-9a-f]{8}, the data read has [0-9a-f]{8}");
            assertThat(npz.read("actions").toInts()).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void headerClaimingAHugeShapeAllocatesNothing() throws IOException {
        String huge = "{'descr': '|u1', 'fortran_order': False, 'shape': (100000, 100000, 100000), }";
        Path file = zipOf("video.npy", concat(npyHeader(huge), new byte[16]), true);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.read("video")).isInstanceOf(NpzFormatException.class)
                    .hasMessage(file + ", member video.npy: the header declares a |u1 array of shape (100000, 100000, 100000) of "
                            + "1000000000000000 bytes: expected at most 2147483639 bytes per array");
            assertThatThrownBy(() -> npz.header("video")).hasMessageContaining("1000000000000000 bytes");
            assertThatThrownBy(() -> npz.readRows("video", 0, 1)).hasMessageContaining("1000000000000000 bytes");
        }
        String overflowing = "{'descr': '<i8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }";
        Path file2 = zipOf("x.npy", npyHeader(overflowing), false);
        try (NpzReader npz = NpzReader.open(file2)) {
            assertThatThrownBy(() -> npz.read("x")).hasMessageContaining("of more than 2^63 bytes: expected at most");
        }
        String tooWide = "{'descr': '|u1', 'fortran_order': False, 'shape': (3000000000,), }";
        Path file3 = zipOf("x.npy", npyHeader(tooWide), false);
        try (NpzReader npz = NpzReader.open(file3)) {
            assertThatThrownBy(() -> npz.read("x"))
                    .hasMessage(file3 + ", member x.npy: dimension 0 of the shape is the int 3000000000: expected an integer from 0 to 2147483647");
        }
    }

    @Test
    void declaredSizeMustMatchTheZipEntry() throws IOException {
        Path file = zipOf("a.npy", concat(npyHeader(U1_2x3), new byte[5]), true);
        int prefix = npyHeader(U1_2x3).length;
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.read("a"))
                    .hasMessage(file + ", member a.npy: the header declares a |u1 array of shape (2, 3), " + prefix
                            + " header bytes + 6 data bytes = " + (prefix + 6) + " bytes, but the zip entry holds " + (prefix + 5) + " bytes");
        }
    }

    @Test
    void aLowerCapRefusesLargerArrays() throws IOException {
        Path file = zipOf("a.npy", concat(npyHeader(U1_2x3), new byte[6]), false);
        try (NpzReader npz = NpzReader.open(file, 5)) {
            assertThatThrownBy(() -> npz.read("a")).hasMessageEndingWith("of 6 bytes: expected at most 5 bytes per array");
        }
        try (NpzReader npz = NpzReader.open(file, 6)) {
            assertThat(npz.read("a").elementCount()).isEqualTo(6);
        }
    }

    @Test
    void badDescr() throws IOException {
        Path file = zipOf("a.npy", concat(npyHeader("{'descr': '<U4', 'fortran_order': False, 'shape': (1,), }"), new byte[16]), false);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.header("a"))
                    .hasMessage(file + ", member a.npy: dtype '<U4' is not supported: expected one of "
                            + "|b1 |i1 |u1 <i2 <u2 <i4 <u4 <i8 <u8 <f4 <f8");
        }
    }

    @Test
    void malformedHeaders() throws IOException {
        assertHeaderRefused(npyHeader("{'descr': '|u1', 'shape': (1,), }"),
                "npy header has keys [descr, shape]: expected exactly [descr, fortran_order, shape] in {'descr': '|u1', 'shape': (1,), }");
        assertHeaderRefused(npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'x': 1}"),
                "npy header has keys [descr, fortran_order, shape, x]: expected exactly [descr, fortran_order, shape]");
        assertHeaderRefused(npyHeader("{'descr': '|u1', 'fortran_order': 0, 'shape': (1,), }"),
                "fortran_order is the int 0: expected True or False");
        assertHeaderRefused(npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': [1], }"),
                "shape is the list [1]: expected a tuple of integers");
        assertHeaderRefused(npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (-1,), }"),
                "dimension 0 of the shape is the int -1: expected an integer from 0 to 2147483647");
        assertHeaderRefused(npyHeader("[1, 2]"), "npy header is the list [1, 2]: expected a dict");
        assertHeaderRefused(npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (1,"),
                "npy header is not a Python literal (at character 54: expected a value, found the end): "
                        + "{'descr': '|u1', 'fortran_order': False, 'shape': (1,");
        assertHeaderRefused("NUMPY!!!".getBytes(), "not an npy array: expected the magic \\x93NUMPY, found 'NUMPY!'");
        assertHeaderRefused(Arrays.copyOf(npyHeader(U1_2x3), 7), "truncated npy header: expected a 2-byte version after the magic, found 1 bytes");
        assertHeaderRefused(Arrays.copyOf(npyHeader(U1_2x3), 9), "truncated npy header: expected a 2-byte header length, found 1 bytes");
        assertHeaderRefused(Arrays.copyOf(npyHeader(U1_2x3), 30), "truncated npy header: expected " + (npyHeader(U1_2x3).length - 10) + " header bytes, found 20");
        byte[] v4 = npyHeader(U1_2x3);
        v4[6] = 4;
        assertHeaderRefused(v4, "unsupported npy format version 4.0: expected 1.0, 2.0 or 3.0");
        byte[] longHeader = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x40};
        assertHeaderRefused(longHeader, "npy header length is 1073741824 bytes: expected at most 1048576");
    }

    @Test
    void fortranOrderIsReported() throws IOException {
        Path file = zipOf("f.npy", concat(npyHeader("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }"), new byte[6]), false);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.read("f")).hasMessage(file + ", member f.npy: fortran_order is True: "
                    + "expected a C-order array (save it with np.ascontiguousarray)");
        }
    }

    @Test
    void missingMemberNamesWhatIsThere() throws IOException {
        Path file = episode(false);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.read("frames")).isInstanceOf(NpzFormatException.class)
                    .hasMessage(file + ", member frames.npy: no such member: expected an array named 'frames', found the arrays [video, actions]");
            assertThat(npz.contains("video")).isTrue();
        }
    }

    @Test
    void npyFileSizeMustMatchItsHeader() throws IOException {
        Path shorter = Files.write(tmp.resolve("short.npy"), concat(npyHeader(U1_2x3), new byte[4]));
        assertThatThrownBy(() -> NpyFile.read(shorter)).isInstanceOf(NpzFormatException.class)
                .hasMessageEndingWith("but the file holds " + (npyHeader(U1_2x3).length + 4) + " bytes");
        Path longer = Files.write(tmp.resolve("long.npy"), concat(npyHeader(U1_2x3), new byte[9]));
        assertThatThrownBy(() -> NpyFile.header(longer)).hasMessageStartingWith(longer + ": the header declares a |u1 array of shape (2, 3)");
    }

    private void assertHeaderRefused(byte[] member, String detail) throws IOException {
        Path file = zipOf("m.npy", member, true);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThatThrownBy(() -> npz.read("m")).isInstanceOf(NpzFormatException.class)
                    .hasMessageStartingWith(file + ", member m.npy: " + detail)
                    .satisfies(e -> assertThat(((NpzFormatException) e).detail()).startsWith(detail));
        }
    }

    private int files;

    private Path zipOf(String name, byte[] member, boolean deflated) throws IOException {
        return TestZips.zip(tmp.resolve("crafted" + files++ + ".npz"), members(name, member), deflated);
    }

    private Path episode(boolean compressed) throws IOException {
        byte[] pixels = new byte[4 * 64 * 64 * 3];
        new Random(3).nextBytes(pixels);
        Map<String, NpyArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("video", NpyArray.uint8(new int[] {4, 64, 64, 3}, pixels));
        arrays.put("actions", NpyArray.int32(new int[] {4}, new int[] {0, 1, 2, 3}));
        Path file = tmp.resolve("episode" + files++ + ".npz");
        NpzWriter.write(file, arrays, compressed);
        return file;
    }

    /** Flips 64 bytes in the middle of a member's stored or deflated data, leaving the zip directory intact. */
    private static void damageMiddleOf(Path file, String member) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long middle;
        try (ZipFile z = new ZipFile(file.toFile())) {
            ZipEntry e = z.getEntry(member);
            // The first local header sits at offset 0 (video is the first member): 30 fixed bytes + name + extra.
            int nameLength = (bytes[26] & 0xFF) | (bytes[27] & 0xFF) << 8;
            int extraLength = (bytes[28] & 0xFF) | (bytes[29] & 0xFF) << 8;
            middle = 30 + nameLength + extraLength + e.getCompressedSize() / 2;
        }
        for (int i = 0; i < 64; i++) {
            bytes[(int) middle + i] ^= 0x5A;
        }
        Files.write(file, bytes);
    }
}
