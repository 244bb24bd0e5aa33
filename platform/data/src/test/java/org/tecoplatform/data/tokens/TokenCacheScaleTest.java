package org.tecoplatform.data.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Split;

/**
 * A DMLab-shaped cache (2,000 episodes × 16 frames × 16×16 codes): written and read back whole,
 * by random windows and from several threads, with throughput printed for the record.
 */
@Timeout(180)
class TokenCacheScaleTest {

    private static final TokenCacheInfo INFO = new TokenCacheInfo(1024, 16, 16, "vqgan-dmlab");
    private static final int EPISODES = 2000;
    private static final int FRAMES = 16;

    @TempDir
    Path dir;

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    @Test
    void twoThousandEpisodes() throws Exception {
        List<TokenEpisode> episodes = new ArrayList<>(EPISODES);
        for (int i = 0; i < EPISODES; i++) {
            episodes.add(Episodes.make(INFO, i, FRAMES));
        }
        long codeBytes = (long) EPISODES * FRAMES * INFO.codesPerFrame() * 2;

        long t0 = System.nanoTime();
        try (TokenCacheWriter w = TokenCacheWriter.open(dir, Split.TRAIN, INFO)) {
            for (TokenEpisode e : episodes) {
                w.write(e);
            }
            w.finish();
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long fileBytes = Files.size(dir.resolve("tokens-train-00000.arrow")) + Files.size(dir.resolve("tokens-train-00001.arrow"));
        assertThat(fileBytes).isBetween(codeBytes, codeBytes + codeBytes / 10);

        t0 = System.nanoTime();
        try (TokenCache cache = TokenCache.open(dir, Split.TRAIN, INFO)) {
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(cache.size()).isEqualTo(EPISODES);
            t0 = System.nanoTime();
            List<TokenEpisode> read = new ArrayList<>(EPISODES);
            for (int i = 0; i < EPISODES; i++) {
                read.add(cache.episode(i));
            }
            double readSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(read).isEqualTo(episodes);

            // Random windows of 8 frames, as a training loader reads them, into one reused buffer.
            int[] window = new int[8 * INFO.codesPerFrame()];
            SplittableRandom random = new SplittableRandom(3);
            int windows = 20_000;
            long sum = 0;
            t0 = System.nanoTime();
            for (int k = 0; k < windows; k++) {
                int e = random.nextInt(EPISODES);
                int start = random.nextInt(FRAMES - 8 + 1);
                cache.readCodes(e, start, 8, window, 0);
                sum += window[k % window.length];
            }
            double windowSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(sum).isPositive();

            System.out.printf(Locale.ROOT, "token cache, %d episodes x %d frames x 16x16 int16 (%.1f MB of codes, %.1f MB on disk):%n"
                    + "  write %.2f s (%.0f MB/s, %.0f episodes/s)%n  open %.1f ms%n  read all %.2f s (%.0f MB/s, %.0f episodes/s)%n"
                    + "  random 8-frame windows: %.0f windows/s (%.0f MB/s)%n",
                    EPISODES, FRAMES, mb(codeBytes), mb(fileBytes), writeSeconds, mb(codeBytes) / writeSeconds, EPISODES / writeSeconds,
                    openSeconds * 1e3, readSeconds, mb(codeBytes) / readSeconds, EPISODES / readSeconds,
                    windows / windowSeconds, mb((long) windows * window.length * 2) / windowSeconds);

            // Several threads on one cache see the same episodes.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> checks = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    checks.add(pool.submit(() -> {
                        SplittableRandom r = new SplittableRandom(seed);
                        for (int k = 0; k < 500; k++) {
                            int e = r.nextInt(EPISODES);
                            assertThat(cache.episode(e)).isEqualTo(episodes.get(e));
                        }
                        return 500;
                    }));
                }
                for (Future<Integer> f : checks) {
                    assertThat(f.get()).isEqualTo(500);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void readsComeFromTheMappingNotACopy() throws IOException {
        Path file = dir.resolve("one.arrow");
        try (TokenFileWriter w = TokenFileWriter.create(file, INFO)) {
            w.write(new TokenEpisode("e", 1, codes(777), new int[] {0}));
            w.commit();
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = -1;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == 0x09 && bytes[i + 1] == 0x03) {
                at = i;
                break;
            }
        }
        assertThat(at).as("code 777 in the file").isNotNegative();
        try (TokenFile f = TokenFile.open(file, INFO)) {
            assertThat(f.readCodes(0, 0, 1)[0]).isEqualTo(777);
            // Change the file under the open reader: a memory-mapped reader sees it, a copy would not.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xF4, 0x01}), at);
            }
            assertThat(f.readCodes(0, 0, 1)[0]).isEqualTo(500);
        }
    }

    private static int[] codes(int value) {
        int[] c = new int[INFO.codesPerFrame()];
        Arrays.fill(c, value);
        return c;
    }
}
