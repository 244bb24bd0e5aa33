package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Settings;
import org.tecoplatform.data.loader.LoaderBenchmark;
import org.tecoplatform.data.loader.LoaderOptions;
import picocli.CommandLine.Option;

/** The training loader's part of {@code teco bench data}: random windows, batches, background workers. */
final class LoaderBenchOptions {

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Loader batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq-len", paramLabel = "T", defaultValue = "16", description = "Loader window length (default ${DEFAULT-VALUE}).")
    int seqLen;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "0", description = "Loader threads (default: one per core).")
    int workers;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "50", description = "Timed loader batches (default ${DEFAULT-VALUE}).")
    int batches;

    /** Times the loader over a split of {@code episodes} episodes (a batch takes distinct episodes). */
    void run(PrintWriter out, DatasetReader reader, Settings config, int episodes) {
        int b = Math.min(batch, episodes);
        if (b < batch) {
            out.printf(Locale.ROOT, "  loader  batch %d > %d training episodes: using batches of %d%n", batch, episodes, b);
        }
        LoaderOptions options = LoaderOptions.training(b, seqLen, 1);
        if (workers > 0) {
            options = options.withWorkers(workers);
        }
        double fps = LoaderBenchmark.framesPerSecond(reader, config, options, batches);
        out.printf(Locale.ROOT, "  loader  %d batches of %dx%d frames, %d workers: %10.0f frames/s%n", batches, b, seqLen,
                options.workers(), fps);
    }
}
