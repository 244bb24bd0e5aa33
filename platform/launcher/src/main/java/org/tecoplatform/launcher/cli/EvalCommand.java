package org.tecoplatform.launcher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.RevisitStats;
import org.tecoplatform.data.eval.Evaluation;
import org.tecoplatform.data.eval.MetricStats;
import org.tecoplatform.data.eval.SetStats;
import org.tecoplatform.data.eval.NamedMetric;
import org.tecoplatform.data.samples.SamplesReader;
import org.tecoplatform.launcher.framework.TecoRuntime;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.Overrides;
import org.tecoplatform.pipeline.config.RawConfig;
import org.tecoplatform.pipeline.plugins.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code teco eval}: scores a samples folder (the original {@code samples[_action]_<ctx>/} layout,
 * whether this platform or the original {@code sample.py} wrote it) with metric plugins, as
 * {@code scripts/compute_metrics.py} does, optionally against the copy-last-frame baseline.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score generated videos against the real ones with metric plugins, on the frames after the context.",
            "SAMPLES_DIR holds data_<i>.npz files with 'real' and 'fake' uint8 (B,T,H,W,3), as sample.py writes them;",
            "its name samples_<ctx> or samples_action_<ctx> gives the context length unless --context does.",
            "Prints mean +/- std over videos per metric; --json and --table save the summary and every per-frame value.",
            "Learned metrics read their model folder from --set (lpips.model=DIR, fvd.model=DIR; tools/ makes them).",
            "",
            "Example:  teco eval runs/dmlab/sample/samples_36 --baseline --json eval.json --table per_frame.arrow",
            "          teco eval samples_36 --metrics psnr,ssim,lpips,fvd --set lpips.model=models/lpips --set fvd.model=models/i3d"})
final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SAMPLES_DIR", description = "The samples folder (samples[_action]_<ctx>/).")
    Path samples;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME[,NAME...]", defaultValue = "psnr,ssim",
            description = "Metric plugins to score with (default: ${DEFAULT-VALUE}; teco bundles lists them).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the summary (eval.json layout) to FILE.")
    Path json;

    @Option(names = "--table", paramLabel = "FILE", description = "Write every per-frame value to FILE: .csv or .arrow (Arrow IPC).")
    Path table;

    @Option(names = "--context", paramLabel = "N", description = "Context frames: frames [N, T) are scored (default: from the folder name).")
    Integer context;

    @Option(names = "--baseline", description = "Also score the copy-last-frame baseline (the last context frame repeated).")
    boolean baseline;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A metric option, as a config's metric section holds it (--set lpips.model=DIR). Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkTableName();
        if (json != null) {
            json = OutputPaths.file("--json", json);
        }
        if (table != null) {
            table = OutputPaths.file("--table", table);
        }
        SamplesReader reader = SamplesReader.open(samples);
        int ctx = context != null ? context : Evaluation.contextFrames(reader);
        Evaluation.Result result;
        try (TecoRuntime rt = runtime.start(List.of())) {
            result = evaluate(rt.catalog(), reader, ctx);
        }
        if (json != null) {
            result.summary().write(json);
        }
        if (table != null) {
            result.table().write(table);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(describe(result.summary()));
        out.flush();
        if (result.summary().contextMismatches() > 0) {
            spec.commandLine().getErr().println("warning: " + result.summary().contextMismatches()
                    + " videos' generated context frames differ from the real ones (sample.py copies them)");
        }
        return ExitCodes.OK;
    }

    /** Scores the folder with the named metrics from {@code catalog}. */
    Evaluation.Result evaluate(PluginCatalog catalog, SamplesReader reader, int ctx) throws Exception {
        List<NamedMetric> named = new ArrayList<>();
        for (String name : metrics) {
            named.add(new NamedMetric(name, catalog.require(PluginKind.METRIC, Metric.class, name)));
        }
        if (named.isEmpty()) {
            throw new BadInputException("--metrics names no metric (for example --metrics psnr,ssim)");
        }
        try (Progress p = ConsoleProgress.onStderr().start("eval " + reader.folder().getFileName(), reader.videoCount(),
                "videos")) {
            return new Evaluation(named, baseline, settings()).run(reader, ctx, p::advance);
        }
    }

    /** The metric options given with --set, relative paths against the working directory. */
    ConfigSettings settings() {
        RawConfig raw = Overrides.apply(new RawConfig(null, new java.util.LinkedHashMap<>(), java.util.Map.of()), overrides);
        return ConfigSettings.of(raw.values(), raw.baseDir());
    }

    /** A bad --table name fails before minutes of scoring, not after. */
    private void checkTableName() {
        if (table == null) {
            return;
        }
        String name = table.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".arrow") && !name.endsWith(".feather")) {
            throw new BadInputException("--table " + table + ": expected a file name ending in .csv or .arrow");
        }
    }

    /** The summary for people: one line per metric, mean +/- std over videos (and the baseline's). */
    static String describe(EvalSummary s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d videos of %d frames %dx%d, %d context frames (frames %d..%d scored)%n", s.samples(), s.videos(),
                s.frames(), s.height(), s.width(), s.contextFrames(), s.contextFrames(), s.frames() - 1));
        boolean withBaseline = s.baseline() != null;
        b.append(String.format(Locale.ROOT, "%-10s %-24s%s", "metric", "model",
                withBaseline ? EvalSummary.Baseline.COPY_LAST_FRAME : "").stripTrailing()).append('\n');
        s.metrics().forEach((name, m) -> {
            String line = String.format(Locale.ROOT, "%-10s %-24s%s", name, meanStd(m),
                    withBaseline ? meanStd(s.baseline().metrics().get(name)) : "");
            b.append(line.stripTrailing()).append('\n');
        });
        s.sets().forEach((name, set) -> {
            SetStats base = withBaseline ? s.baseline().sets().get(name) : null;
            String line = String.format(Locale.ROOT, "%-10s %-24s%s", name, meanStd(set), base == null ? "" : meanStd(base));
            b.append(line.stripTrailing()).append('\n');
            b.append(String.format(Locale.ROOT, "%-10s %s%n", "", interval(set)));
        });
        if (s.revisit() != null) {
            // The frames whose real view repeats a context frame: where remembering the context shows.
            RevisitStats r = s.revisit();
            b.append(String.format(Locale.ROOT, "revisiting frames (real view repeats a context frame): %d in %d videos, means%n",
                    r.frames(), r.videos()));
            r.model().forEach((name, m) -> {
                RevisitStats.Mean base = r.baseline() == null ? null : r.baseline().get(name);
                String line = String.format(Locale.ROOT, "%-10s %-24s%s", name, mean(m), base == null ? "" : mean(base));
                b.append(line.stripTrailing()).append('\n');
            });
        }
        return b.toString();
    }

    private static String mean(RevisitStats.Mean m) {
        String s = String.format(Locale.ROOT, "%.4f", m.mean());
        return m.nonFiniteFrames() == 0 ? s
                : s + String.format(Locale.ROOT, " (%d non-finite frames; %.4f over the rest)", m.nonFiniteFrames(), m.finiteMean());
    }

    /** A set score as compute_fvd.py prints it: mean +/- std over chunks of videos. */
    private static String meanStd(SetStats m) {
        return number(m.value()) + " +/- " + number(m.std());
    }

    /**
     * Four decimals, as compute_fvd.py prints; values under 1e-3 (KVD often is, and a random-weight I3D
     * gives FVD ~1e-12) with four significant digits, so that they do not print as a misleading 0.0000.
     */
    static String number(double v) {
        double a = Math.abs(v);
        return a == 0 || a >= 1e-3 || !Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** How a set score was computed, and its bootstrap interval. */
    private static String interval(SetStats m) {
        String chunks = String.format(Locale.ROOT, "(%d chunk%s of up to %d videos", m.chunks(), m.chunks() == 1 ? "" : "s",
                m.chunkSize());
        return m.bootstrap() == 0 ? chunks + ")" : chunks + String.format(Locale.ROOT,
                "; %.0f%% bootstrap CI [%s, %s], %d resamples, seed %d)", 100 * m.ciLevel(), number(m.ciLow()),
                number(m.ciHigh()), m.bootstrap(), m.seed());
    }

    private static String meanStd(MetricStats m) {
        // As compute_metrics.py prints it, and plain ASCII whatever the console's encoding; frames scored
        // +inf (PSNR of a frame equal to the real one) make the mean +inf: say how many, and the rest's mean.
        String s = String.format(Locale.ROOT, "%.4f +/- %.4f", m.mean(), m.std());
        return m.nonFiniteFrames() == 0 ? s
                : s + String.format(Locale.ROOT, " (%d non-finite frames; %.4f over the rest)", m.nonFiniteFrames(), m.finiteMean());
    }
}
