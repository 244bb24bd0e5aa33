package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teco bench sample}: TECO's rollout on ONNX Runtime, with and without the key/value cache. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Time the sampler (the sample stage's rollout on ONNX Runtime) at the config's model sizes with",
            "random parameters: generated frames per second with the key/value cache and recomputing the whole",
            "temporal transformer per frame as the original does, and the time of frame 50 against frame 250",
            "(each the mean over the 11 frames around it). Past seq_len both modes re-observe the sliding window,",
            "so set seq_len to the rollout length to see the cache's per-frame cost inside one window.",
            "",
            "Examples:",
            "  teco bench sample configs/quickstart.yaml",
            "  teco bench sample configs/quickstart.yaml --set seq_len=300 --frames 300"})
final class BenchSampleCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    TokenizerShapeOptions tokenizer;

    @Option(names = "--videos", paramLabel = "B", defaultValue = "1", description = "Videos sampled together (default ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--frames", paramLabel = "T", defaultValue = "300", description = "Frames per video (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--context", paramLabel = "C", description = "Context frames (default: the config's open_loop_ctx).")
    Integer context;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "both", description = "both, cache or recompute (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "ONNX Runtime intra-op threads (0: its default).")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("videos", Integer.toString(videos));
        options.put("frames", Integer.toString(frames));
        if (context != null) {
            options.put("context", Integer.toString(context));
        }
        options.put("mode", mode);
        options.put("threads", Integer.toString(threads));
        StageBenchmarkRun.Figures f = StageBenchmarkRun.run(config, runtime, tokenizer, "sample", options);
        PrintWriter out = spec.commandLine().getOut();
        int ctx = (int) f.scalar("context");
        out.printf(Locale.ROOT, "teco bench sample: %s, %d video(s) x %d frames, %d context, seq_len %d, %d cores%n", config.config, videos,
                frames, ctx, (int) f.scalar("seq_len"), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "  %-12s %14s %12s %12s %12s%n", "mode", "frames/s", "frame 50 ms", "frame 250 ms", "250 / 50");
        for (String key : new String[] {"cached_frame_ms", "recomputed_frame_ms"}) {
            double[] ms = f.values().get(key);
            if (ms == null) {
                continue;
            }
            double total = Arrays.stream(ms).sum();
            double at50 = around(ms, 50 - ctx);
            double at250 = around(ms, 250 - ctx);
            out.printf(Locale.ROOT, "  %-12s %14.2f %12.1f %12.1f %12.2f%n", key.startsWith("cached") ? "cache" : "recompute",
                    videos * ms.length / (total / 1e3), at50, at250, at250 / at50);
        }
        out.printf(Locale.ROOT, "  peak RSS %s%n", BenchFigures.mb(BenchFigures.peakRssBytes()));
        out.flush();
        return ExitCodes.OK;
    }

    /** Mean time of the 11 generated frames centred on index {@code i} (NaN when the rollout is shorter). */
    static double around(double[] ms, int i) {
        if (i - 5 < 0 || i + 5 >= ms.length) {
            return Double.NaN;
        }
        double s = 0;
        for (int k = i - 5; k <= i + 5; k++) {
            s += ms[k];
        }
        return s / 11;
    }
}
