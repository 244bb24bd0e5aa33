package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzRoundTripTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyDtypeSurvivesARoundTrip(boolean compressed) throws IOException {
        Map<String, NpyArray> arrays = NumpyFixtures.dtypeArrays();
        Path file = tmp.resolve("all.npz");
        NpzWriter.write(file, arrays, compressed);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.keys()).containsExactlyElementsOf(arrays.keySet());
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                assertThat(npz.read(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                assertThat(e.getMethod()).isEqualTo(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED);
                assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0, 2));
                assertThat(e.getExtra()).as("no zone-dependent extra fields").isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFullSizeEpisodeRoundTripsAndReadsByRows(boolean compressed) throws IOException {
        byte[] pixels = new byte[300 * 64 * 64 * 3];
        new Random(1).nextBytes(pixels);
        long[] actions = new Random(2).longs(300, 0, 7).toArray();
        Map<String, NpyArray> episode = new LinkedHashMap<>();
        episode.put("video", NpyArray.uint8(new int[] {300, 64, 64, 3}, pixels));
        episode.put("actions", NpyArray.int64(new int[] {300}, actions));
        Path file = tmp.resolve("episode.npz");
        NpzWriter.write(file, episode, compressed);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.read("video").toUint8()).isEqualTo(pixels);
            assertThat(npz.read("actions").toLongs()).isEqualTo(actions);
            NpyArray window = npz.readRows("video", 250, 36);
            assertThat(window.shape()).containsExactly(36, 64, 64, 3);
            int frame = 64 * 64 * 3;
            assertThat(window.toUint8()).isEqualTo(java.util.Arrays.copyOfRange(pixels, 250 * frame, 286 * frame));
            assertThat(npz.readRows("video", 300, 0).elementCount()).isZero();
            assertThatThrownBy(() -> npz.readRows("video", 290, 11)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageEndingWith("member video.npy: rows [290, 301) of an array of shape (300, 64, 64, 3)");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rowsAtTheStartMiddleAndEndOfAFullSizeEpisode(boolean compressed) throws IOException {
        // Half noise, half flat: the deflated member has both incompressible and highly compressed stretches.
        int frame = 64 * 64 * 3;
        byte[] pixels = new byte[300 * frame];
        new Random(5).nextBytes(pixels);
        java.util.Arrays.fill(pixels, 100 * frame, 200 * frame, (byte) 9);
        Path file = tmp.resolve("rows.npz");
        NpzWriter.write(file, Map.of("video", NpyArray.uint8(new int[] {300, 64, 64, 3}, pixels)), compressed);
        // 85 and 86 straddle the first 1 MiB of skipped data; 299 is the last row.
        int[][] windows = {{0, 0}, {0, 1}, {0, 36}, {85, 2}, {150, 36}, {199, 2}, {264, 36}, {299, 1}, {300, 0}, {0, 300}};
        try (NpzReader npz = NpzReader.open(file)) {
            for (int[] w : windows) {
                byte[] expected = java.util.Arrays.copyOfRange(pixels, w[0] * frame, (w[0] + w[1]) * frame);
                assertThat(npz.readUint8Rows("video", w[0], w[1])).as("rows %d+%d", w[0], w[1]).isEqualTo(expected);
                NpyArray rows = npz.readRows("video", w[0], w[1]);
                assertThat(rows.shape()).containsExactly(w[1], 64, 64, 3);
                assertThat(rows.toUint8()).isEqualTo(expected);
            }
        }
    }

    @Test
    void writesAreDeterministicInAnyTimeZone() throws IOException {
        TimeZone original = TimeZone.getDefault();
        try {
            for (boolean compressed : new boolean[] {false, true}) {
                TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
                Path a = tmp.resolve("a" + compressed + ".npz");
                NpzWriter.write(a, NumpyFixtures.dtypeArrays(), compressed);
                TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
                Path b = tmp.resolve("b" + compressed + ".npz");
                NpzWriter.write(b, NumpyFixtures.dtypeArrays(), compressed);
                assertThat(a).hasSameBinaryContentAs(b);
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = tmp.resolve("x.npz");
        Files.writeString(file, "old contents");
        NpzWriter.write(file, Map.of("a", NumpyFixtures.i4()), true);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.read("a")).isEqualTo(NumpyFixtures.i4());
        }
        try (var listing = Files.list(tmp)) {
            assertThat(listing).containsExactly(file);
        }
        Path missingFolder = tmp.resolve("no/such/folder/y.npz");
        assertThatThrownBy(() -> NpzWriter.write(missingFolder, Map.of("a", NumpyFixtures.i4()), false))
                .isInstanceOf(IOException.class);
        assertThat(missingFolder.getParent()).doesNotExist();
    }

    @Test
    void writesAnArrayFromAnyBuffer() throws IOException {
        ByteBuffer direct = ByteBuffer.allocateDirect(200_000);
        for (int i = 0; i < direct.capacity(); i++) {
            direct.put(i, (byte) (i * 31));
        }
        NpyArray a = new NpyArray(NpyDtype.UINT8, new int[] {200_000}, direct);
        Path file = tmp.resolve("direct.npz");
        NpzWriter.write(file, Map.of("d", a), false);
        try (NpzReader npz = NpzReader.open(file)) {
            assertThat(npz.read("d")).isEqualTo(a);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void uint8ReadsWithoutCopyEqualTheArrayAndItsRows(boolean compressed) throws IOException {
        byte[] pixels = new byte[5 * 4 * 3];
        new Random(3).nextBytes(pixels);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("video", NpyArray.uint8(new int[] {5, 4, 3}, pixels));
        arrays.put("actions", NpyArray.int32(new int[] {5}, new int[] {0, 1, 2, 3, 4}));
        Path file = tmp.resolve("u8.npz");
        NpzWriter.write(file, arrays, compressed);
        try (NpzReader r = NpzReader.open(file)) {
            assertThat(r.readUint8("video")).isEqualTo(pixels);
            assertThat(r.readUint8Rows("video", 2, 2)).isEqualTo(java.util.Arrays.copyOfRange(pixels, 24, 48));
            assertThatThrownBy(() -> r.readUint8("actions")).isInstanceOf(NpzFormatException.class)
                    .hasMessageContaining("actions.npy").hasMessageContaining("dtype <i4: expected |u1 (uint8)");
        }
    }

    @Test
    void refusesEmptyNames() {
        Map<String, NpyArray> bad = new LinkedHashMap<>();
        bad.put("", NumpyFixtures.i4());
        assertThatThrownBy(() -> NpzWriter.write(tmp.resolve("e.npz"), bad, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
    }
}
