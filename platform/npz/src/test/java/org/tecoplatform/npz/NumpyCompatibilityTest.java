package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads what numpy wrote, and writes what numpy writes (fixtures from tools/fixtures/make_npz_fixtures.py). */
class NumpyCompatibilityTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dtypes.npz", "dtypes_compressed.npz"})
    void readsEveryDtypeNumpySaved(String fixture) throws IOException {
        Map<String, NpyArray> expected = NumpyFixtures.dtypeArrays();
        try (NpzReader npz = NpzReader.open(NumpyFixtures.file(fixture))) {
            assertThat(npz.keys()).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, NpyArray> e : expected.entrySet()) {
                assertThat(npz.header(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().header());
                assertThat(npz.read(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(npz.read("u1").toInts()).containsExactly(0, 1, 127, 128, 255);
            assertThat(npz.read("i8").toLongs()).containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE);
            assertThat(npz.read("f4").toFloats()).containsExactly(0f, -1.5f, 0.1f, 3.4028235e38f, Float.NEGATIVE_INFINITY, Float.NaN);
            assertThat(npz.read("video").toUint8()[71]).isEqualTo((byte) 71);
        }
    }

    @Test
    void numpysMembersCarryZip64ExtraFields() throws IOException {
        // numpy forces zip64 for every member (gh-10776); reading them above is only a zip64 test if that holds.
        for (String fixture : new String[] {"dtypes.npz", "dtypes_compressed.npz"}) {
            try (RandomAccessFile f = new RandomAccessFile(NumpyFixtures.file(fixture).toFile(), "r")) {
                byte[] local = new byte[30];
                f.readFully(local);
                int nameLength = (local[26] & 0xFF) | (local[27] & 0xFF) << 8;
                int extraLength = (local[28] & 0xFF) | (local[29] & 0xFF) << 8;
                assertThat(extraLength).isPositive();
                f.seek(30L + nameLength);
                int headerId = f.read() | f.read() << 8;
                assertThat(headerId).as("zip64 extra field id").isEqualTo(0x0001);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void javaWritesTheNpyBytesNumpyWrites(boolean compressed) throws IOException {
        Path mine = tmp.resolve("mine.npz");
        NpzWriter.write(mine, NumpyFixtures.dtypeArrays(), compressed);
        Map<String, byte[]> numpys = members(NumpyFixtures.file(compressed ? "dtypes_compressed.npz" : "dtypes.npz"));
        Map<String, byte[]> javas = members(mine);
        assertThat(javas.keySet()).containsExactlyElementsOf(numpys.keySet());
        for (String name : numpys.keySet()) {
            assertThat(javas.get(name)).as(name).isEqualTo(numpys.get(name));
        }
        for (Map.Entry<String, NpyArray> e : NumpyFixtures.dtypeArrays().entrySet()) {
            assertThat(NpyFile.toBytes(e.getValue())).as(e.getKey()).isEqualTo(numpys.get(e.getKey() + ".npy"));
        }
    }

    @Test
    void plainNpyFilesMatchNpSave() throws IOException {
        Path numpys = NumpyFixtures.file("video.npy");
        assertThat(NpyFile.read(numpys)).isEqualTo(NumpyFixtures.video());
        assertThat(NpyFile.header(numpys)).isEqualTo(NumpyFixtures.video().header());
        Path mine = tmp.resolve("video.npy");
        NpyFile.write(mine, NumpyFixtures.video());
        assertThat(mine).hasSameBinaryContentAs(numpys);
    }

    @Test
    void readsNpyFormatVersions2And3() throws IOException {
        assertThat(NpyFile.read(NumpyFixtures.file("v2.npy"))).isEqualTo(NumpyFixtures.i4());
        assertThat(NpyFile.read(NumpyFixtures.file("v3.npy"))).isEqualTo(NumpyFixtures.i4());
        try (NpzReader npz = NpzReader.open(NumpyFixtures.file("versions.npz"))) {
            assertThat(npz.keys()).containsExactly("v1", "v2", "v3");
            for (String key : npz.keys()) {
                assertThat(npz.read(key)).as(key).isEqualTo(NumpyFixtures.i4());
                assertThat(npz.readRows(key, 1, 1).toInts()).as(key).containsExactly(1, 2, Integer.MAX_VALUE);
            }
        }
    }

    @Test
    void refusesWhatNumpyCanWriteButWeDoNotRead() {
        Path fortran = NumpyFixtures.file("fortran.npy");
        assertThatThrownBy(() -> NpyFile.read(fortran)).isInstanceOf(NpzFormatException.class)
                .hasMessage(fortran + ": fortran_order is True: expected a C-order array (save it with np.ascontiguousarray)");
        Path big = NumpyFixtures.file("bigendian.npy");
        assertThatThrownBy(() -> NpyFile.read(big))
                .hasMessage(big + ": dtype '>i4' is big-endian, which is not supported: expected '<i4' (save it with arr.astype('<i4'))");
        Path object = NumpyFixtures.file("object.npy");
        assertThatThrownBy(() -> NpyFile.read(object))
                .hasMessageStartingWith(object + ": dtype '|O' is a Python object array (it needs pickle), which is not supported");
        Path structured = NumpyFixtures.file("structured.npy");
        assertThatThrownBy(() -> NpyFile.read(structured))
                .hasMessage(structured + ": descr is the list [('a', '<i4'), ('b', '<f4')]: "
                        + "expected a plain dtype string such as '<i4' (structured dtypes are not supported)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtypes.npz", "dtypes_compressed.npz"})
    void readsRowsOfNumpysArrays(String fixture) throws IOException {
        try (NpzReader npz = NpzReader.open(NumpyFixtures.file(fixture))) {
            NpyArray second = npz.readRows("video", 1, 1);
            assertThat(second.shape()).containsExactly(1, 3, 4, 3);
            assertThat(second.toUint8()[0]).isEqualTo((byte) 36);
            assertThat(npz.readRows("video", 0, 2)).isEqualTo(NumpyFixtures.video());
            assertThat(npz.readRows("empty3d", 1, 1).shape()).containsExactly(1, 0, 3);
        }
    }

    /** Uncompressed bytes of every member. */
    static Map<String, byte[]> members(Path npz) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(npz.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
