package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileTest {

    @TempDir
    Path tmp;

    @Test
    void copiesAnyRangeAcrossSegments() throws IOException {
        byte[] bytes = new byte[10_000];
        new Random(4).nextBytes(bytes);
        Path file = Files.write(tmp.resolve("f.bin"), bytes);
        Random r = new Random(5);
        for (int segment : new int[] {1, 13, 4096, MappedFile.DEFAULT_SEGMENT_BYTES}) {
            try (MappedFile m = MappedFile.map(file, segment)) {
                assertThat(m.size()).isEqualTo(bytes.length);
                for (int i = 0; i < 200; i++) {
                    int from = r.nextInt(bytes.length + 1);
                    int len = r.nextInt(bytes.length - from + 1);
                    assertThat(m.bytes(from, len)).isEqualTo(Arrays.copyOfRange(bytes, from, from + len));
                }
                try (InputStream in = m.stream(9_000, 1_000)) {
                    assertThat(in.skip(400)).isEqualTo(400);
                    assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 9_400, 10_000));
                    assertThat(in.skip(5)).isZero();
                }
                assertThatThrownBy(() -> m.bytes(9_999, 2)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> m.bytes(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
        try (MappedFile empty = MappedFile.map(Files.write(tmp.resolve("empty.bin"), new byte[0]))) {
            assertThat(empty.bytes(0, 0)).isEmpty();
        }
    }

    @Test
    void aTruncatedFileIsReportedBeforeTheMappingIsTouched() throws IOException {
        Path file = Files.write(tmp.resolve("f.bin"), new byte[3 * 4096]);
        try (MappedFile m = MappedFile.map(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(4096);
            } catch (IOException e) {
                // Windows refuses to truncate a mapped file: nothing can shrink under the mapping there.
                assertThat(m.bytes(8192, 8)).containsOnly(0);
                return;
            }
            // Even a copy from the pages still there is refused: the file is no longer the one opened.
            assertThatThrownBy(() -> m.bytes(0, 8)).isInstanceOf(NpzFormatException.class)
                    .hasMessage(file + ": the file changed while it was read: expected the 12288 bytes it had when opened, "
                            + "found 4096 (was it rewritten in place? write a new file and rename it)");
        }
    }

    @Test
    void aClosedFileRefusesCopies() throws IOException {
        Path file = Files.write(tmp.resolve("f.bin"), new byte[64]);
        MappedFile m = MappedFile.map(file);
        m.close();
        assertThatThrownBy(() -> m.bytes(0, 8)).isInstanceOf(IllegalStateException.class)
                .hasMessage(file + ": the npz reader is closed");
    }
}
