package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.launcher.framework.TecoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teco bench data}: how fast episodes are read and batched on this machine. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Time reading and decoding every training episode through a dataset plugin (best of --repeats",
            "passes after a warm-up pass), optionally numpy's np.load on the same npz files (--numpy, needs python3",
            "with numpy), and the training loader (random seq_len windows, batches, background workers).",
            "",
            "Examples:",
            "  teco bench data --dataset dmlab --path data/maze --numpy",
            "  teco bench data --dataset maze --set maze.train_episodes=20"})
final class BenchDataCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset plugin.")
    String dataset;

    @Option(names = "--path", paramLabel = "DIR", description = "Dataset root; becomes data_path.")
    Path path;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "0", description = "Read at most N training episodes (default: all).")
    int episodes;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3", description = "Timed passes; the best counts (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--numpy", description = "Also time numpy's np.load on the same files and print the ratio.")
    boolean numpy;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
            description = "Python with numpy for --numpy (default ${DEFAULT-VALUE}; e.g. /usr/bin/python3 for Debian's numpy).")
    String python;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any config value (e.g. --set dmlab.episode_length=0).")
    List<String> overrides = new java.util.ArrayList<>();

    @Mixin
    LoaderBenchOptions loader;

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> values = new LinkedHashMap<>();
        if (path != null) {
            values.put("data_path", path.toAbsolutePath().normalize().toString());
        }
        try (TecoRuntime rt = runtime.start(List.of())) {
            DatasetRun run = DatasetRun.of(rt, dataset, values, overrides);
            DatasetReader reader = run.reader();
            Settings config = run.config().settings();
            List<EpisodeRef> refs = reader.episodes(config, Split.TRAIN);
            int all = refs.size();
            if (episodes > 0 && refs.size() > episodes) {
                refs = refs.subList(0, episodes);
            }
            out.printf(Locale.ROOT, "teco bench data --dataset %s: %d training episodes, %d cores%n", dataset, refs.size(),
                    Runtime.getRuntime().availableProcessors());

            readAll(reader, config, refs);   // warm-up: JIT and page cache, as numpy gets below
            double best = Double.MAX_VALUE;
            long frames = 0;
            long bytes = 0;
            for (int i = 0; i < Math.max(1, repeats); i++) {
                long start = System.nanoTime();
                long[] counted = readAll(reader, config, refs);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
                frames = counted[0];
                bytes = counted[1];
            }
            double fps = frames / best;
            out.printf(Locale.ROOT, "  reader  %-10s %8d frames in %7.3f s = %10.0f frames/s (%.0f MB/s of pixels)%n",
                    dataset, frames, best, fps, bytes / best / 1e6);

            if (numpy) {
                List<Path> files = refs.stream().map(r -> Path.of(r.location())).filter(Files::isRegularFile).toList();
                StringBuilder why = new StringBuilder();
                Optional<NumpyLoadTimer.Timing> np = files.size() == refs.size()
                        ? NumpyLoadTimer.time(python, files, Math.max(1, repeats), why) : Optional.empty();
                if (files.size() != refs.size()) {
                    why.append("the episodes are not files");
                }
                if (np.isPresent()) {
                    out.printf(Locale.ROOT, "  numpy   np.load    %8d frames in %7.3f s = %10.0f frames/s (numpy %s)%n",
                            np.get().frames(), np.get().seconds(), np.get().framesPerSecond(), np.get().numpyVersion());
                    out.printf(Locale.ROOT, "  ratio   reader / numpy = %.2fx%n", fps / np.get().framesPerSecond());
                } else {
                    out.println("  numpy   skipped: " + why);
                }
            }
            loader.run(out, reader, config, all);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Frames and pixel bytes read. */
    private static long[] readAll(DatasetReader reader, Settings config, List<EpisodeRef> refs) {
        long frames = 0;
        long bytes = 0;
        for (EpisodeRef ref : refs) {
            Episode e = reader.read(config, ref, FrameWindow.ALL);
            frames += e.frames();
            bytes += e.video().pixels().length;
        }
        return new long[] {frames, bytes};
    }
}
