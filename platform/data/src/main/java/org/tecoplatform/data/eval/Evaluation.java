package org.tecoplatform.data.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.MetricSession;
import org.tecoplatform.api.SetMetricSession;
import org.tecoplatform.api.VideoMetricSession;
import org.tecoplatform.api.ModelMetric;
import org.tecoplatform.api.SetScore;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.SamplesReader;
import org.tecoplatform.data.samples.SamplesReader.BatchShape;
import org.tecoplatform.data.samples.VideoPair;

/**
 * Scores every video of a samples folder with metric plugins on the frames after the context,
 * as {@code scripts/compute_metrics.py} does, and, when asked, a copy-last-frame baseline: each
 * real video against its last context frame repeated for every generated frame, the bar a model
 * must clear to show it predicts anything. One batch file is in memory at a time.
 *
 * <p>A {@link ModelMetric} (LPIPS, FVD) is opened once per run with the config; a set metric (FVD)
 * is given every pair of the model's videos and of the baseline's and reports whole-set scores
 * ({@link EvalSummary#sets()}) instead of per-frame values.
 */
public final class Evaluation {

    /** The result: the JSON summary and the per-frame table. */
    public record Result(EvalSummary summary, FrameTable table) {
    }

    private final List<NamedMetric> metrics;
    private final boolean baseline;
    private final Settings config;

    /**
     * @param metrics  the metrics, by the names they are reported under (unique, at least one)
     * @param baseline also score the copy-last-frame baseline
     */
    public Evaluation(List<NamedMetric> metrics, boolean baseline) {
        this(metrics, baseline, null);
    }

    /**
     * @param metrics  the metrics, by the names they are reported under (unique, at least one)
     * @param baseline also score the copy-last-frame baseline
     * @param config   the config {@link ModelMetric}s are opened with (their model folders); {@code null}
     *                 when no metric needs one
     */
    public Evaluation(List<NamedMetric> metrics, boolean baseline, Settings config) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one metric");
        }
        var names = new HashSet<String>();
        for (NamedMetric m : metrics) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("metric '" + m.name() + "' is listed twice");
            }
        }
        this.metrics = List.copyOf(metrics);
        this.baseline = baseline;
        this.config = config;
    }

    /**
     * The context length a samples folder's name gives ({@code samples_36}, {@code samples_action_36}),
     * or a {@link BadInputException} saying to give it explicitly.
     */
    public static int contextFrames(SamplesReader samples) {
        return samples.contextFromName().orElseThrow(() -> new BadInputException("samples folder " + samples.folder()
                + ": its name does not give the context length (expected samples_<ctx> or samples_action_<ctx>); "
                + "give the number of context frames explicitly"));
    }

    /** The baseline for one real video: frames after the context replaced by the last context frame. */
    public static Video copyLastFrame(Video real, int contextFrames) {
        if (contextFrames < 1 || contextFrames > real.frames()) {
            throw new IllegalArgumentException("copy-last-frame needs 1.." + real.frames() + " context frames, got "
                    + contextFrames);
        }
        int fb = real.frameBytes();
        byte[] pixels = real.pixels();
        byte[] out = Arrays.copyOf(pixels, pixels.length);
        for (int t = contextFrames; t < real.frames(); t++) {
            System.arraycopy(pixels, (contextFrames - 1) * fb, out, t * fb, fb);
        }
        return new Video(real.frames(), real.height(), real.width(), real.channels(), out);
    }

    /**
     * Scores every video of {@code samples}.
     *
     * @param contextFrames frames given as context; frames {@code [contextFrames, T)} are scored
     * @param videosDone    hears after each video how many more were scored (1), for a progress bar
     */
    public Result run(SamplesReader samples, int contextFrames, IntConsumer videosDone) throws IOException {
        BatchShape shape = shapeOfAll(samples);
        if (contextFrames < 0 || contextFrames >= shape.frames()) {
            throw new BadInputException("samples folder " + samples.folder() + ": " + contextFrames + " context frames of "
                    + shape.frames() + "-frame videos leave no frame to score (expected 0.." + (shape.frames() - 1) + ")");
        }
        if (baseline && contextFrames == 0) {
            throw new BadInputException("samples folder " + samples.folder()
                    + ": the copy-last-frame baseline needs at least one context frame, got 0");
        }
        Map<String, MetricSession> sessions = new LinkedHashMap<>();
        try {
            for (NamedMetric m : metrics) {
                if (m.metric() instanceof ModelMetric mm) {
                    if (config == null) {
                        throw new IllegalStateException("metric '" + m.name() + "' loads a model: the evaluation needs a config");
                    }
                    sessions.put(m.name(), mm.open(config));
                }
            }
            return run(samples, contextFrames, shape, sessions, videosDone);
        } finally {
            for (MetricSession s : sessions.values()) {
                s.close();
            }
        }
    }

    private Result run(SamplesReader samples, int contextFrames, BatchShape shape, Map<String, MetricSession> sessions,
                       IntConsumer videosDone) throws IOException {
        Map<String, List<double[]>> model = perMetric(sessions);
        Map<String, List<double[]>> copied = perMetric(sessions);
        FrameTable table = new FrameTable();
        RevisitStats.Pool revisits = new RevisitStats.Pool();
        int video = 0;
        int mismatches = 0;
        for (Path file : samples.files()) {
            for (VideoPair pair : samples.read(file)) {
                if (!contextEqual(pair, contextFrames)) {
                    mismatches++;
                }
                Map<String, double[]> modelFrames = score(pair.real(), pair.fake(), contextFrames, video, FrameTable.MODEL,
                        model, table, sessions);
                Map<String, double[]> copiedFrames = null;
                if (baseline) {
                    copiedFrames = score(pair.real(), copyLastFrame(pair.real(), contextFrames), contextFrames, video,
                            EvalSummary.Baseline.COPY_LAST_FRAME, copied, table, sessions);
                }
                if (contextFrames > 0) {
                    revisits.add(RevisitFrames.find(pair.real(), contextFrames), contextFrames, modelFrames, copiedFrames);
                }
                video++;
                videosDone.accept(1);
            }
        }
        EvalSummary summary = new EvalSummary(samples.folder().toAbsolutePath().normalize().getFileName().toString(),
                contextFrames, shape.frames(), shape.height(), shape.width(), shape.channels(), video,
                samples.files().size(), mismatches, stats(model), baseline
                        ? new EvalSummary.Baseline(EvalSummary.Baseline.COPY_LAST_FRAME, stats(copied),
                                sets(sessions, EvalSummary.Baseline.COPY_LAST_FRAME))
                        : null,
                sets(sessions, FrameTable.MODEL), revisits.stats(baseline));
        return new Result(summary, table);
    }

    /** The set metrics' scores of one set (the model's videos or the baseline's), by score name. */
    private static Map<String, SetStats> sets(Map<String, MetricSession> sessions, String set) {
        Map<String, SetStats> out = new LinkedHashMap<>();
        for (MetricSession s : sessions.values()) {
            if (s instanceof SetMetricSession sets) {
                for (SetScore score : sets.finish(set)) {
                    out.put(score.metric(), SetStats.of(score));
                }
            }
        }
        return out;
    }

    /** Scores one video with every metric; returns the per-frame values of the metrics that give them. */
    private Map<String, double[]> score(Video real, Video fake, int ctx, int video, String method,
                                        Map<String, List<double[]>> into, FrameTable table, Map<String, MetricSession> sessions) {
        int expected = real.frames() - ctx;
        Map<String, double[]> scored = new LinkedHashMap<>();
        for (NamedMetric m : metrics) {
            MetricSession session = sessions.get(m.name());
            if (session instanceof SetMetricSession sets) {
                sets.add(method, real, fake, ctx);
                continue;
            }
            MetricScore s = session instanceof VideoMetricSession v ? v.score(real, fake, ctx) : m.metric().score(real, fake, ctx);
            double[] perFrame = s.perFrame();
            if (perFrame.length != expected) {
                throw new IllegalStateException("metric '" + m.name() + "' gave " + perFrame.length + " per-frame values for "
                        + expected + " frames after the context");
            }
            into.get(m.name()).add(perFrame);
            table.add(video, ctx, m.name(), perFrame, method);
            scored.put(m.name(), perFrame);
        }
        return scored;
    }

    /** Per-frame score lists of the metrics that score each video (every metric but the set metrics). */
    private Map<String, List<double[]>> perMetric(Map<String, MetricSession> sessions) {
        Map<String, List<double[]>> m = new LinkedHashMap<>();
        metrics.stream().filter(n -> sessions.get(n.name()) == null || sessions.get(n.name()).perVideo())
                .forEach(n -> m.put(n.name(), new ArrayList<>()));
        return m;
    }

    private Map<String, MetricStats> stats(Map<String, List<double[]>> scores) {
        Map<String, MetricStats> out = new LinkedHashMap<>();
        for (NamedMetric m : metrics) {
            if (scores.containsKey(m.name())) {
                out.put(m.name(), MetricStats.of(scores.get(m.name()), m.metric().higherIsBetter()));
            }
        }
        return out;
    }

    /** The common video shape of all files (their batch sizes may differ); bad input names the odd file. */
    private static BatchShape shapeOfAll(SamplesReader samples) throws IOException {
        BatchShape first = null;
        Path firstFile = null;
        for (Path f : samples.files()) {
            BatchShape s = samples.shape(f);
            if (first == null) {
                first = s;
                firstFile = f;
            } else if (!first.sameVideoShape(s)) {
                throw new BadInputException("samples file " + f + " holds videos of shape " + s + ", " + firstFile
                        + " holds " + first + " (expected the same T, H, W, C in every file)");
            }
        }
        return first;
    }

    private static boolean contextEqual(VideoPair p, int ctx) {
        int n = ctx * p.real().frameBytes();
        return Arrays.equals(p.real().pixels(), 0, n, p.fake().pixels(), 0, n);
    }
}
