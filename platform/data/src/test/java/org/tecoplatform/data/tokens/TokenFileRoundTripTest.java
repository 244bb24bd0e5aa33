package org.tecoplatform.data.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by TokenFileWriter read back exactly, whole or by window, with 16- and 32-bit codes. */
class TokenFileRoundTripTest {

    @TempDir
    Path tmp;

    private List<TokenEpisode> write(Path file, TokenCacheInfo info, int rowsPerBatch, int... lengths) throws IOException {
        List<TokenEpisode> written = new ArrayList<>();
        try (TokenFileWriter w = TokenFileWriter.create(file, info, rowsPerBatch)) {
            for (int i = 0; i < lengths.length; i++) {
                TokenEpisode e = Episodes.make(info, i == 2 ? "épisode-✓-" + i : "ep" + i, i, lengths[i]);
                w.write(e);
                written.add(e);
            }
            w.commit();
        }
        return written;
    }

    private static void assertReadsBack(TokenFile f, List<TokenEpisode> written) {
        assertThat(f.size()).isEqualTo(written.size());
        for (int r = 0; r < written.size(); r++) {
            TokenEpisode e = written.get(r);
            assertThat(f.id(r)).isEqualTo(e.id());
            assertThat(f.frames(r)).isEqualTo(e.frames());
            assertThat(f.episode(r)).isEqualTo(e);
        }
        assertThat(f.totalFrames()).isEqualTo(written.stream().mapToLong(TokenEpisode::frames).sum());
    }

    @Test
    void int16CodesInSeveralRecordBatches() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(1024, 4, 4, "vqgan-abc123");
        Path file = tmp.resolve("tokens.arrow");
        List<TokenEpisode> written = write(file, info, 3, 5, 9, 1, 0, 7, 12, 3, 5, 8, 2);
        try (TokenFile f = TokenFile.open(file, info)) {
            assertThat(f.codeBits()).isEqualTo(16);
            assertThat(f.recordBatches()).isEqualTo(4);
            assertThat(f.info()).isEqualTo(info);
            assertReadsBack(f, written);
        }
    }

    @Test
    void int32CodesForLargeCodebooks() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(40_000, 2, 3, "big");
        Path file = tmp.resolve("big.arrow");
        List<TokenEpisode> written = write(file, info, 2, 4, 6, 2);
        try (TokenFile f = TokenFile.open(file, info)) {
            assertThat(f.codeBits()).isEqualTo(32);
            assertThat(f.episode(0).codes()[0]).isEqualTo(39_999);
            assertReadsBack(f, written);
        }
    }

    @Test
    void int16HoldsCodebooksUpTo32768() throws IOException {
        TokenCacheInfo edge = new TokenCacheInfo(32_768, 2, 2, "edge");
        assertThat(edge.codeBits()).isEqualTo(16);
        assertThat(new TokenCacheInfo(32_769, 2, 2, "edge").codeBits()).isEqualTo(32);
        Path file = tmp.resolve("edge.arrow");
        List<TokenEpisode> written = write(file, edge, 64, 3, 3);
        try (TokenFile f = TokenFile.open(file)) {
            assertThat(f.codeBits()).isEqualTo(16);
            assertThat(f.readCodes(0, 0, 1)[0]).isEqualTo(32_767);
            assertReadsBack(f, written);
        }
    }

    @Test
    void windowsReadOnlyTheirFrames() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(512, 3, 2, "w");
        Path file = tmp.resolve("w.arrow");
        List<TokenEpisode> written = write(file, info, 2, 10, 4, 7);
        try (TokenFile f = TokenFile.open(file, info)) {
            for (int r = 0; r < written.size(); r++) {
                TokenEpisode e = written.get(r);
                for (int start = 0; start < e.frames(); start++) {
                    for (int count = 0; start + count <= e.frames(); count++) {
                        assertThat(f.readCodes(r, start, count)).isEqualTo(Arrays.copyOfRange(e.codes(), start * 6, (start + count) * 6));
                        assertThat(f.readActions(r, start, count)).isEqualTo(Arrays.copyOfRange(e.actions(), start, start + count));
                    }
                }
            }
            int[] dst = new int[20];
            Arrays.fill(dst, -5);
            f.readCodes(0, 8, 2, dst, 3);
            assertThat(Arrays.copyOfRange(dst, 3, 15)).isEqualTo(Arrays.copyOfRange(written.get(0).codes(), 48, 60));
            assertThat(dst[2]).isEqualTo(-5);
            assertThat(dst[15]).isEqualTo(-5);
            assertThatThrownBy(() -> f.readCodes(1, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("frames [2, 5) of episode 1 (4 frames)");
            assertThatThrownBy(() -> f.readActions(0, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> f.readCodes(0, 0, 4, new int[23], 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> f.episode(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("episode 3 of 3");
        }
    }

    @Test
    void emptyFileHasNoEpisodes() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(16, 1, 1, "e");
        Path file = tmp.resolve("empty.arrow");
        write(file, info, 4);
        try (TokenFile f = TokenFile.open(file, info)) {
            assertThat(f.size()).isZero();
            assertThat(f.recordBatches()).isZero();
        }
    }

    @Test
    void uncommittedWriterLeavesNothing() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(16, 1, 1, "e");
        Path file = tmp.resolve("never.arrow");
        try (TokenFileWriter w = TokenFileWriter.create(file, info, 1)) {
            w.write(Episodes.make(info, 0, 3));
            w.write(Episodes.make(info, 1, 3));
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void writerRefusesCodesThatDoNotFit() throws IOException {
        TokenCacheInfo info = new TokenCacheInfo(16, 2, 2, "e");
        try (TokenFileWriter w = TokenFileWriter.create(tmp.resolve("x.arrow"), info)) {
            assertThatThrownBy(() -> w.write(new TokenEpisode("a", 1, new int[] {1, 2, 16, 3}, new int[] {0})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("episode a: code 16 at 2 is outside [0, 16)");
            assertThatThrownBy(() -> w.write(new TokenEpisode("b", 1, new int[] {1, 2, 3}, new int[] {0})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("episode b: 3 codes for 1 frames of 2x2");
        }
        assertThatThrownBy(() -> new TokenEpisode("c", 2, new int[3], new int[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenEpisode("c", 2, new int[4], new int[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
