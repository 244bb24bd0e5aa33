package org.tecoplatform.data.loader;

import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** Measures a {@link DataLoader}'s steady-state throughput, for {@code teco bench data}. */
public final class LoaderBenchmark {

    private LoaderBenchmark() {
    }

    /** {@link #framesPerSecond(DatasetReader, Settings, Split, LoaderOptions, int)} on the train split. */
    public static double framesPerSecond(DatasetReader reader, Settings config, LoaderOptions options, int batches) {
        return framesPerSecond(reader, config, Split.TRAIN, options, batches);
    }

    /**
     * Loads {@code batches} batches after a warm-up of a tenth as many (at least two) and returns
     * frames (B·T summed over the timed batches) per second of wall time. The loader runs endless
     * epochs so a small split does not run out, and each batch is recycled as a training loop would.
     */
    public static double framesPerSecond(DatasetReader reader, Settings config, Split split, LoaderOptions options, int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be at least 1, got " + batches);
        }
        try (DataLoader loader = DataLoader.open(reader, config, split, options.withEpochs(LoaderOptions.INFINITE))) {
            if (!loader.hasNext()) {
                throw new IllegalArgumentException("the " + split.folder() + " split makes no batch of " + options.batchSize());
            }
            int warmUp = Math.max(2, batches / 10);
            for (int i = 0; i < warmUp; i++) {
                loader.recycle(loader.next());
            }
            long frames = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                Batch b = loader.next();
                frames += b.totalFrames();
                loader.recycle(b);
            }
            return frames / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
