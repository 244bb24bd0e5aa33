package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Loader throughput on 64×64 episodes (DMLab's size) from an in-memory reader, printed for the
 * record; it asserts what was read, not how fast (timings vary by machine).
 */
@Timeout(120)
class ThroughputTest {

    private static final int BATCHES = 300;

    private static void measure(String what, LoaderOptions options, RandomVideoReader reader) {
        double fps = LoaderBenchmark.framesPerSecond(reader, CodedReader.config(), options, BATCHES);
        System.out.printf(Locale.ROOT, "loader, 64x64, %s, %d workers: %.0f frames/s%n", what, options.workers(), fps);
        long timedFrames = (long) BATCHES * options.batchSize() * (options.seqLen() == 0 ? 300 : options.seqLen());
        assertThat(reader.framesRead.get()).isGreaterThanOrEqualTo(timedFrames);
        assertThat(fps).isPositive().isFinite();
    }

    @Test
    void trainingWindows() {
        RandomVideoReader reader = new RandomVideoReader(32, 300, 64);
        // One worker twice: the first run in a JVM also pays for JIT compilation.
        for (int workers : new int[] {1, 1, 2}) {
            measure("float windows B=8 T=16", LoaderOptions.training(8, 16, 1).withWorkers(workers), reader);
        }
    }

    @Test
    void wholeEpisodesForTokenizing() {
        RandomVideoReader reader = new RandomVideoReader(8, 300, 64);
        for (int workers : new int[] {1, 2}) {
            measure("uint8 whole 300-frame episodes B=1", LoaderOptions.tokenizing(1).withWorkers(workers), reader);
        }
        measure("float whole 300-frame episodes B=1", LoaderOptions.tokenizing(1).withWorkers(2).withPixelFormat(PixelFormat.FLOAT),
                reader);
    }
}
