package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.Masks;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.ResNetBlock;
import org.tecoplatform.nn.SameDiffOps;
import org.tecoplatform.nn.Transformer;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.SameDiffTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code teco bench train}: one training step (forward, backward, AdamW) of kit-built networks on
 * the DL4J back end, at the sizes NOTES-DL4J.md compares with PyTorch.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Time one training step (forward + backward through SameDiff + AdamW update, via the kit's",
            "SameDiffTraining) of (a) a transformer stack (embed 128, 2 layers, 4 heads, MLP 512, T=256, B=8,",
            "frame-causal mask) and (b) a residual conv stack (2 ResNet blocks, 64 ch, 16x16, B=64), both with a",
            "mean-squared loss. Prints the median ms/step after warm-up, peak RSS (VmHWM) and JavaCPP off-heap bytes,",
            "achieved GFLOP/s against this machine's peak (the best of ten fp32 2048^3 matrix products through ND4J,",
            "measured first), and the ND4J native build loaded and why it was chosen.",
            "FLOPs: 2*MACs of every matmul and conv2d the graph declares (counted from static shapes while the",
            "kit builds it), times 3 for a step (forward, plus the input- and weight-gradient products of the",
            "backward pass); element-wise ops and the optimiser are not counted.",
            "The launcher picks the ND4J native build from the CPU's features; TECO_ND4J_BUILD=onednn|onednn-avx512",
            "forces one of the shipped builds (to compare them: run this once per build).",
            "",
            "With a CONFIG, times TECO's own training step (the train stage's, on random codes) at the config's",
            "sizes instead: ms/step, steps/s, forward FLOPs counted the same way, GFLOP/s and peak RSS.",
            "",
            "Examples:",
            "  teco bench train configs/quickstart.yaml",
            "  teco bench train configs/dmlab.yaml --batch 1 --steps 2 --warmup 1",
            "  teco bench train configs/quickstart.yaml --profile 15",
            "  teco bench train",
            "  teco bench train --model resnet --steps 10"})
final class BenchTrainCommand implements Callable<Integer> {

    enum Model { transformer, resnet, both }

    @Option(names = "--model", paramLabel = "M", defaultValue = "both",
            description = "transformer, resnet or both (default ${DEFAULT-VALUE}).")
    Model model;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "5", description = "Timed steps; the median counts (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "2", description = "Untimed steps first, at least 1 (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", paramLabel = "B", description = "Override the batch size (transformer 8, resnet 64).")
    Integer batch;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "Time TECO's training step for this config instead of the kit's two networks.")
    java.nio.file.Path teco;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config override (with CONFIG). Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "N", defaultValue = "0",
            description = "With CONFIG: also list the N op types that take the most time and the N that allocate the most"
                    + " (calls, ms and MB of outputs per step, over the timed steps).")
    int profile;

    @Option(names = "--profile-shapes", description = "With --profile: one row per op type and input shapes.")
    boolean profileShapes;

    @picocli.CommandLine.Mixin
    RuntimeOptions runtime;

    @picocli.CommandLine.Mixin
    TokenizerShapeOptions tokenizer;

    @Spec
    CommandSpec spec;

    /** A built training graph: the SameDiff, its parameters, its feeds and forward FLOPs. */
    record Graph(String what, SameDiff sd, ParamStore params, Map<String, INDArray> feeds, long forwardFlops) {
    }

    @Override
    public Integer call() throws Exception {
        if (teco != null) {
            return tecoStep();
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Graph> graphs = new ArrayList<>();
        if (model != Model.resnet) {
            graphs.add(transformer(batch == null ? 8 : batch));
        }
        if (model != Model.transformer) {
            graphs.add(resnet(batch == null ? 64 : batch));
        }
        out.printf(Locale.ROOT, "teco bench train: %d cores, ND4J %s%n", Runtime.getRuntime().availableProcessors(),
                BenchFigures.nd4jBuild());
        MachinePeak peak = MachinePeak.nd4j();
        out.printf(Locale.ROOT, "  peak %s%n", peak);
        out.printf(Locale.ROOT, "  %-46s %9s %9s %9s %8s %9s%n", "model", "ms/step", "min ms", "GFLOP/s", "of peak",
                "peak RSS");
        for (Graph g : graphs) {
            double[] ms = time(g);
            double med = BenchFigures.median(ms);
            double min = java.util.Arrays.stream(ms).min().orElse(Double.NaN);
            double stepFlops = 3.0 * g.forwardFlops();
            double gflops = stepFlops / (med / 1e3) / 1e9;
            out.printf(Locale.ROOT, "  %-46s %9.1f %9.1f %9.1f %7.1f%% %9s%n", g.what(), med, min, gflops,
                    peak.percent(gflops), BenchFigures.mb(BenchFigures.peakRssBytes()));
            out.printf(Locale.ROOT, "  %-46s %.2f GFLOP forward, %.2f GFLOP/step; %d params%n", "",
                    g.forwardFlops() / 1e9, stepFlops / 1e9, g.params().size());
            out.flush();
        }
        out.printf(Locale.ROOT, "  median of %d steps after %d warm-up; peak RSS is the process's high-water mark so far"
                + " (run one --model for a per-model figure)%n", Math.max(1, steps), warmup);
        out.flush();
        return ExitCodes.OK;
    }

    /** TECO's training step at the config's sizes, through the train stage's own benchmark. */
    private int tecoStep() throws Exception {
        ConfigOptions config = new ConfigOptions();
        config.config = teco;
        config.overrides = overrides;
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (batch != null) {
            options.put("batch", Integer.toString(batch));
        }
        options.put("steps", Integer.toString(Math.max(1, steps)));
        options.put("warmup", Integer.toString(Math.max(1, warmup)));
        if (profile > 0) {
            options.put("profile", profileShapes ? "2" : "1");
        }
        MachinePeak peak = MachinePeak.nd4j();
        StageBenchmarkRun.Figures f = StageBenchmarkRun.run(config, runtime, tokenizer, "train", options);
        double[] ms = f.values().get("ms_per_step");
        double med = BenchFigures.median(ms);
        double stepFlops = 3.0 * f.scalar("forward_flops");
        double gflops = stepFlops / (med / 1e3) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "teco bench train %s: TECO, batch %d, seq_len %d, %,.0f parameters, %d cores, ND4J %s%n", teco,
                (int) f.scalar("batch"), f.config().getInt("seq_len"), f.scalar("parameters"), Runtime.getRuntime().availableProcessors(),
                BenchFigures.nd4jBuild());
        out.printf(Locale.ROOT, "  peak %s%n", peak);
        out.printf(Locale.ROOT, "  %9s %9s %9s %9s %8s %9s%n", "ms/step", "min ms", "steps/s", "GFLOP/s", "of peak", "peak RSS");
        out.printf(Locale.ROOT, "  %9.1f %9.1f %9.3f %9.1f %7.1f%% %9s%n", med, java.util.Arrays.stream(ms).min().orElse(Double.NaN),
                1e3 / med, gflops, peak.percent(gflops), BenchFigures.mb(BenchFigures.peakRssBytes()));
        out.printf(Locale.ROOT, "  %.2f GFLOP forward, %.2f GFLOP/step (x3: forward + both backward products); first step %.1f s;"
                + " median of %d steps after %d warm-up%n", f.scalar("forward_flops") / 1e9, stepFlops / 1e9,
                f.scalar("first_step_ms") / 1e3, ms.length, Math.max(1, warmup));
        if (f.values().containsKey("array_peak_bytes")) {
            out.printf(Locale.ROOT, "  step arrays: peak %s in use at once, %s held by the pool; parameters + AdamW moments %s%n",
                    BenchFigures.mb((long) f.scalar("array_peak_bytes")), BenchFigures.mb((long) f.scalar("array_held_bytes")),
                    BenchFigures.mb((long) (f.scalar("parameters") * 4 * 3)));
        }
        if (profile > 0) {
            printProfile(out, f, med);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The stage benchmark's {@code op:<type>} rows (calls, ms, bytes per step): the top by time and by bytes. */
    private void printProfile(PrintWriter out, StageBenchmarkRun.Figures f, double stepMs) {
        List<Map.Entry<String, double[]>> ops = new ArrayList<>();
        double opMs = 0;
        double opBytes = 0;
        for (Map.Entry<String, double[]> e : f.values().entrySet()) {
            if (e.getKey().startsWith("op:")) {
                ops.add(e);
                opMs += e.getValue()[1];
                opBytes += e.getValue()[2];
            }
        }
        out.printf(Locale.ROOT, "  profile per step: ops %.1f ms of %.1f ms (the rest is the optimiser and the engine's bookkeeping),"
                + " ops' outputs %.0f MB%n", opMs, stepMs, opBytes / 1e6);
        for (int by = 1; by <= 2; by++) {
            final int col = by;
            ops.sort((a, b) -> Double.compare(b.getValue()[col], a.getValue()[col]));
            out.printf(Locale.ROOT, "  %-32s %7s %9s %6s %9s %6s   (by %s)%n", "op", "calls", "ms", "%", "MB", "%", col == 1 ? "time" : "bytes");
            for (Map.Entry<String, double[]> e : ops.subList(0, Math.min(profile, ops.size()))) {
                double[] v = e.getValue();
                out.printf(Locale.ROOT, "  %-32s %7.0f %9.1f %5.1f%% %9.1f %5.1f%%%n", e.getKey().substring(3), v[0], v[1],
                        100 * v[1] / opMs, v[2] / 1e6, 100 * v[2] / Math.max(1, opBytes));
            }
        }
    }

    private double[] time(Graph g) {
        AdamW opt = new AdamW(AdamW.Settings.teco(1e-4), LearningRateSchedule.constant(1e-4));
        // SameDiff prints a line per differentiated op to System.out while it builds the gradient
        // graph (the first step): keep that out of the figures.
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            SameDiffTraining.step(g.sd(), g.params(), opt, g.feeds(), null);
        } finally {
            System.setOut(stdout);
        }
        for (int i = 1; i < warmup; i++) {
            SameDiffTraining.step(g.sd(), g.params(), opt, g.feeds(), null);
        }
        double[] ms = new double[Math.max(1, steps)];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            SameDiffTraining.step(g.sd(), g.params(), opt, g.feeds(), null);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** TECO-style transformer: [B, T, 128] in, MSE against a fixed target. */
    static Graph transformer(int b) {
        int t = 256;
        int d = 128;
        ParamStore params = new ParamStore(1);
        SameDiffOps sdo = new SameDiffOps(params, DataType.FLOAT);
        org.tecoplatform.nn.FlopCounter count = new org.tecoplatform.nn.FlopCounter();
        Ops<SameDiffOps.Var> ops = count.wrap(sdo);
        Transformer.Config cfg = new Transformer.Config(d, 4, 2, 4 * d, new int[] {t},
                Transformer.PositionEmbedding.SINUSOIDAL, 0, false);
        SameDiffOps.Var x = ops.input("x", b, t, d);
        SameDiffOps.Var y = Transformer.apply(ops, "transformer", cfg, x, null, Masks.frameCausal(t, 1));
        Map<String, INDArray> feeds = mseLoss(sdo, y, b, t, d);
        feeds.put("x", Nd4j.randn(DataType.FLOAT, b, t, d));
        return new Graph(String.format(Locale.ROOT, "transformer d%d x2 layers, T=%d, B=%d", d, t, b),
                sdo.sameDiff(), params, feeds, count.flops());
    }

    /** Two TECO ResNet blocks at 64 channels on 16×16, NHWC. */
    static Graph resnet(int b) {
        int c = 64;
        int hw = 16;
        ParamStore params = new ParamStore(2);
        SameDiffOps sdo = new SameDiffOps(params, DataType.FLOAT);
        org.tecoplatform.nn.FlopCounter count = new org.tecoplatform.nn.FlopCounter();
        Ops<SameDiffOps.Var> ops = count.wrap(sdo);
        SameDiffOps.Var x = ops.input("x", b, hw, hw, c);
        SameDiffOps.Var h = ResNetBlock.apply(ops, "ResNetBlock_0", x, c);
        h = ResNetBlock.apply(ops, "ResNetBlock_1", h, c);
        Map<String, INDArray> feeds = mseLoss(sdo, h, b, hw, hw, c);
        feeds.put("x", Nd4j.randn(DataType.FLOAT, b, hw, hw, c));
        return new Graph(String.format(Locale.ROOT, "resnet 2 blocks, %d ch, %dx%d, B=%d", c, hw, hw, b),
                sdo.sameDiff(), params, feeds, count.flops());
    }

    /** mean((y − target)²) as the graph's loss; returns the feeds map with the target in it. */
    private static Map<String, INDArray> mseLoss(SameDiffOps sdo, SameDiffOps.Var y, int... shape) {
        SameDiff sd = sdo.sameDiff();
        long[] s = java.util.Arrays.stream(shape).asLongStream().toArray();
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, s);
        SDVariable diff = y.sd().sub(target);
        SDVariable loss = sd.mean(diff.mul(diff));
        sd.setLossVariables(sd.identity("loss", loss).name());
        Map<String, INDArray> feeds = new java.util.HashMap<>();
        feeds.put("target", Nd4j.randn(DataType.FLOAT, s));
        return feeds;
    }
}
