package org.tecoplatform.data.samples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzWriter;

/** A samples file that is not the layout is bad input naming the file, the array, what was expected and found. */
class SamplesReaderBadInputTest {

    @TempDir
    Path tmp;

    private Path write(Map<String, NpyArray> arrays) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("samples_1"));
        Path file = folder.resolve("data_0.npz");
        NpzWriter.write(file, arrays, true);
        return file;
    }

    private static NpyArray u8(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return NpyArray.uint8(shape, new byte[n]);
    }

    private void expectBad(Map<String, NpyArray> arrays, String... parts) throws Exception {
        Path file = write(arrays);
        SamplesReader r = SamplesReader.open(file.getParent());
        assertThatThrownBy(() -> r.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContainingAll(parts);
        assertThatThrownBy(() -> r.shape(file)).isInstanceOf(BadInputException.class);
    }

    @Test
    void missingArray() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("real", u8(1, 2, 2, 2, 3));
        a.put("video", u8(1, 2, 2, 2, 3));
        expectBad(a, "no array 'fake'", "it has 'real', 'video'");
    }

    @Test
    void wrongDtype() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("real", u8(1, 2, 2, 2, 3));
        a.put("fake", NpyArray.float32(new int[] {1, 2, 2, 2, 3}, new float[24]));
        expectBad(a, "array 'fake'", "dtype <f4", "expected |u1 (uint8)");
    }

    @Test
    void wrongRank() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("real", u8(2, 2, 2, 3));
        a.put("fake", u8(2, 2, 2, 3));
        expectBad(a, "array 'real'", "shape (2, 2, 2, 3) has rank 4", "expected 5 (B,T,H,W,3)");
    }

    @Test
    void shapeMismatch() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("real", u8(1, 3, 2, 2, 3));
        a.put("fake", u8(1, 2, 2, 2, 3));
        expectBad(a, "'fake' has shape (1, 2, 2, 2, 3) but 'real' has (1, 3, 2, 2, 3)");
    }

    @Test
    void emptyAxis() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("real", u8(0, 3, 2, 2, 3));
        a.put("fake", u8(0, 3, 2, 2, 3));
        expectBad(a, "no empty axis");
    }

    @Test
    void corruptFileIsBadInputNamingIt() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("samples_2"));
        Path file = folder.resolve("data_0.npz");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        SamplesReader r = SamplesReader.open(folder);
        assertThatThrownBy(() -> r.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining("data_0.npz");
    }

    @Test
    void folderWithoutBatchFiles() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("samples_3"));
        assertThatThrownBy(() -> SamplesReader.open(empty)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no data_<i>.npz files");
        assertThatThrownBy(() -> SamplesReader.open(tmp.resolve("absent"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a folder");
    }
}
