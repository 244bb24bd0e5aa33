package org.tecoplatform.stage.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The eval stage's scores from {@code eval.json}: per samples folder a table of the model against
 * the copy-last-frame baseline (mean ± std over videos) and per metric the mean curve over the
 * frames after the context, model and baseline on one chart; whole-set scores (FVD, KVD) in a table
 * of their own with their bootstrap intervals.
 */
final class MetricsSection {

    static final String MODEL_COLOR = "#1565c0";
    static final String BASELINE_COLOR = "#757575";

    private MetricsSection() {
    }

    static String render(Path evalJson) {
        if (!Files.isRegularFile(evalJson)) {
            return HtmlReport.missing("No metrics: " + evalJson + " does not exist (the eval stage writes it).");
        }
        EvalResults results;
        try {
            results = EvalResults.read(evalJson);
        } catch (IOException e) {
            return HtmlReport.missing("Could not read " + evalJson + ": " + e.getMessage());
        }
        StringBuilder b = new StringBuilder();
        for (EvalResults.Folder f : results.folders()) {
            b.append(folder(f));
        }
        return b.toString();
    }

    /**
     * Mean ± std, and when some frames scored ±∞ (PSNR of a frame identical to the real one, by the
     * original's definition) how many, with the mean over the finite frames beside it.
     */
    static String cell(EvalResults.Stats m) {
        String s = Numbers.meanStd(m.mean(), m.std());
        if (m.nonFiniteFrames() > 0 && Double.isFinite(m.finiteMean())) {
            s += String.format(java.util.Locale.ROOT, " (%d frame%s not finite; %s over the others)", m.nonFiniteFrames(),
                    m.nonFiniteFrames() == 1 ? "" : "s", Numbers.format(m.finiteMean()));
        }
        return s;
    }

    static String folder(EvalResults.Folder f) {
        StringBuilder b = new StringBuilder("<h3>").append(Html.escape(f.name())).append("</h3>");
        b.append(HtmlReport.note(String.format(java.util.Locale.ROOT, "%s videos of %s frames; the first %s frames are context, "
                + "the %s after them are scored. Mean ± standard deviation over videos.", count(f.videos()), count(f.frames()),
                count(f.contextFrames()), f.frames() > 0 && f.contextFrames() >= 0 ? count(f.frames() - f.contextFrames()) : Numbers.NONE)));
        if (f.contextMismatches() > 0) {
            b.append(HtmlReport.missing(f.contextMismatches() + " videos' generated context frames differ from the real ones "
                    + "(a correct sampler copies them)."));
        }
        boolean hasBaseline = f.baselineMethod() != null;
        String baseName = hasBaseline ? "Baseline (" + f.baselineMethod().replace('_', ' ') + ")" : "Baseline";
        HtmlTable t = hasBaseline ? new HtmlTable("Metric", "Model", baseName, "Model − baseline", "Better")
                : new HtmlTable("Metric", "Model");
        List<String> charts = new ArrayList<>();
        for (Map.Entry<String, EvalResults.Stats> e : f.metrics().entrySet()) {
            String name = e.getKey();
            EvalResults.Stats m = e.getValue();
            EvalResults.Stats base = f.baseline().get(name);
            String model = cell(m);
            if (hasBaseline) {
                t.row(name + arrow(m.higherIsBetter()), model, base == null ? Numbers.NONE : cell(base),
                        base == null ? Numbers.NONE : difference(m, base), better(m, base));
            } else {
                t.row(name + arrow(m.higherIsBetter()), model);
            }
            charts.add(curve(name, f.contextFrames(), m, base, baseName));
        }
        if (!t.isEmpty()) {
            b.append(t.render());
        }
        b.append(sets(f, baseName));
        b.append(revisit(f, baseName));
        if (hasBaseline && !f.metrics().isEmpty()) {
            b.append(horizons(f));
        }
        b.append(HtmlReport.charts(charts));
        return b.toString();
    }

    /**
     * The frames after the context whose real view repeats a context frame (the maze's revisit
     * mode makes many): where a model that keeps its context can be exact and copying the last
     * frame cannot, so they test long-horizon consistency apart from the overall means.
     */
    static String revisit(EvalResults.Folder f, String baseName) {
        EvalResults.Revisit r = f.revisit();
        if (r == null) {
            return "";
        }
        boolean hasBaseline = r.baseline() != null;
        HtmlTable t = hasBaseline ? new HtmlTable("Metric", "Model", baseName, "Model − baseline", "Better")
                : new HtmlTable("Metric", "Model");
        for (Map.Entry<String, EvalResults.RevisitMean> e : r.model().entrySet()) {
            EvalResults.Stats overall = f.metrics().get(e.getKey());
            Boolean higher = overall == null ? null : overall.higherIsBetter();
            EvalResults.RevisitMean m = e.getValue();
            EvalResults.RevisitMean base = hasBaseline ? r.baseline().get(e.getKey()) : null;
            if (!hasBaseline) {
                t.row(e.getKey() + arrow(higher), revisitCell(m));
                continue;
            }
            String diff = Numbers.NONE;
            String better = Numbers.NONE;
            if (base != null) {
                boolean finite = Double.isFinite(m.mean()) && Double.isFinite(base.mean());
                double a = finite ? m.mean() : m.finiteMean();
                double c = finite ? base.mean() : base.finiteMean();
                String suffix = finite ? "" : " (finite frames)";
                diff = Numbers.format(a - c) + suffix;
                better = higher == null || Double.isNaN(a - c) ? Numbers.NONE
                        : a == c ? "tie" : ((a > c) == higher ? "model" : "baseline") + suffix;
            }
            t.row(e.getKey() + arrow(higher), revisitCell(m), base == null ? Numbers.NONE : revisitCell(base), diff, better);
        }
        return "<h4>Revisiting frames</h4>" + HtmlReport.note(String.format(java.util.Locale.ROOT,
                "%s scored frames in %s videos show a view the context showed (their real frame repeats a context frame); "
                + "means over those frames only.", count(r.frames()), count(r.videos()))) + t.render();
    }

    private static String revisitCell(EvalResults.RevisitMean m) {
        String s = Numbers.format(m.mean());
        if (m.nonFiniteFrames() > 0 && Double.isFinite(m.finiteMean())) {
            s += String.format(java.util.Locale.ROOT, " (%d frame%s not finite; %s over the others)", m.nonFiniteFrames(),
                    m.nonFiniteFrames() == 1 ? "" : "s", Numbers.format(m.finiteMean()));
        }
        return s;
    }

    /**
     * The means to compare: the plain ones, or where either is infinite (PSNR of an exact copy) the
     * means over the finite frames, as an infinite mean would decide every comparison.
     */
    private record Compared(double model, double base, String suffix) {
        static Compared of(EvalResults.Stats m, EvalResults.Stats base) {
            return Double.isFinite(m.mean()) && Double.isFinite(base.mean()) ? new Compared(m.mean(), base.mean(), "")
                    : new Compared(m.finiteMean(), base.finiteMean(), " (finite frames)");
        }
    }

    /** Model − baseline, over the finite frames where a mean is infinite. */
    static String difference(EvalResults.Stats m, EvalResults.Stats base) {
        Compared c = Compared.of(m, base);
        return Numbers.format(c.model() - c.base()) + c.suffix();
    }

    /**
     * The whole-set scores (FVD, KVD) of the model's videos and of the baseline's: mean ± std over
     * chunks, the bootstrap interval, the difference and which is better (by the score's direction;
     * "intervals overlap" when the two intervals do). Empty when no set metric ran.
     */
    static String sets(EvalResults.Folder f, String baseName) {
        if (f.sets().isEmpty()) {
            return "";
        }
        boolean hasBaseline = !f.baselineSets().isEmpty();
        HtmlTable t = hasBaseline
                ? new HtmlTable("Score", "Model", "Model CI", baseName, "Baseline CI", "Model − baseline", "Better")
                : new HtmlTable("Score", "Model", "Model CI");
        EvalResults.SetStat first = null;
        for (Map.Entry<String, EvalResults.SetStat> e : f.sets().entrySet()) {
            EvalResults.SetStat m = e.getValue();
            first = first == null ? m : first;
            String name = e.getKey() + arrow(m.higherIsBetter());
            if (hasBaseline) {
                EvalResults.SetStat base = f.baselineSets().get(e.getKey());
                t.row(name, setCell(m), interval(m), base == null ? Numbers.NONE : setCell(base),
                        base == null ? Numbers.NONE : interval(base),
                        base == null ? Numbers.NONE : Numbers.format(m.value() - base.value()), better(m, base));
            } else {
                t.row(name, setCell(m), interval(m));
            }
        }
        String how = String.format(java.util.Locale.ROOT, "Scores of the whole set of %s videos, as scripts/compute_fvd.py "
                + "computes them: mean ± standard deviation over %s chunk%s of up to %s videos (every frame, context "
                + "included)", count(first.videos()), count(first.chunks()), first.chunks() == 1 ? "" : "s",
                count(first.chunkSize()));
        how += first.bootstrap() > 0 ? String.format(java.util.Locale.ROOT, "; CI: %s%% percentile bootstrap, %s resamples "
                + "of up to %s videos, seed %d.", Numbers.format(100 * first.ciLevel()), count(first.bootstrap()),
                count(first.chunkSize()), first.seed()) : "; no bootstrap interval (bootstrap: 0).";
        return "<h4>Whole set</h4>" + HtmlReport.note(how) + t.render();
    }

    private static String setCell(EvalResults.SetStat s) {
        return s.chunks() > 1 ? Numbers.meanStd(s.value(), s.std()) : Numbers.format(s.value());
    }

    private static String interval(EvalResults.SetStat s) {
        if (Double.isNaN(s.ciLow()) || Double.isNaN(s.ciHigh())) {
            return Numbers.NONE;
        }
        return "[" + Numbers.format(s.ciLow()) + ", " + Numbers.format(s.ciHigh()) + "]";
    }

    /** Which set score is better, by its direction; "intervals overlap" added when both intervals do. */
    static String better(EvalResults.SetStat m, EvalResults.SetStat base) {
        if (base == null || m.higherIsBetter() == null || Double.isNaN(m.value()) || Double.isNaN(base.value())) {
            return Numbers.NONE;
        }
        String which = m.value() == base.value() ? "tie" : (m.value() > base.value()) == m.higherIsBetter() ? "model" : "baseline";
        boolean intervals = !Double.isNaN(m.ciLow()) && !Double.isNaN(m.ciHigh()) && !Double.isNaN(base.ciLow())
                && !Double.isNaN(base.ciHigh());
        boolean overlap = intervals && m.ciLow() <= base.ciHigh() && base.ciLow() <= m.ciHigh();
        return overlap && !which.equals("tie") ? which + " (intervals overlap)" : which;
    }

    /** Generated-frame ranges of the horizon table: the first ten, then wider and wider. */
    static final int[] HORIZON_ENDS = {10, 25, 50, 100, 200, 300, 500, 1000};

    /**
     * Model and baseline per horizon bucket (mean of the per-frame means over the bucket's finite
     * frames): where the model overtakes copying, which a whole-video mean hides.
     */
    static String horizons(EvalResults.Folder f) {
        List<String> header = new ArrayList<>(List.of("Generated frames"));
        List<Map.Entry<String, EvalResults.Stats>> metrics = new ArrayList<>(f.metrics().entrySet());
        for (Map.Entry<String, EvalResults.Stats> e : metrics) {
            header.add(e.getKey() + " model");
            header.add(e.getKey() + " baseline");
        }
        HtmlTable t = new HtmlTable(header.toArray(String[]::new));
        int n = metrics.isEmpty() ? 0 : metrics.get(0).getValue().perFrame().length;
        int from = 1;
        for (int end : HORIZON_ENDS) {
            if (from > n) {
                break;
            }
            int to = Math.min(end, n);
            List<String> row = new ArrayList<>(List.of(from + "–" + to));
            for (Map.Entry<String, EvalResults.Stats> e : metrics) {
                EvalResults.Stats base = f.baseline().get(e.getKey());
                row.add(Numbers.format(finiteMean(e.getValue().perFrame(), from, to)));
                row.add(base == null ? Numbers.NONE : Numbers.format(finiteMean(base.perFrame(), from, to)));
            }
            t.row(row.toArray(String[]::new));
            from = to + 1;
        }
        return "<h4>By horizon</h4>" + t.render();
    }

    /** Mean of {@code values[from-1 .. to-1]} over its finite entries; NaN when none is. */
    static double finiteMean(double[] values, int from, int to) {
        double sum = 0;
        int k = 0;
        for (int i = from - 1; i < Math.min(to, values.length); i++) {
            if (Double.isFinite(values[i])) {
                sum += values[i];
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** Frame index after the context on x: 1 is the first generated frame. */
    private static String curve(String metric, int context, EvalResults.Stats model, EvalResults.Stats base, String baseName) {
        String x = context >= 0 ? "frame after the " + context + " context frames" : "frame after the context";
        SvgLineChart c = new SvgLineChart(metric + " per frame", x, metric);
        c.add(new SvgLineChart.Series("model", MODEL_COLOR, afterContext(model.perFrame().length), model.perFrame(), false));
        if (base != null) {
            c.add(new SvgLineChart.Series(baseName.toLowerCase(java.util.Locale.ROOT), BASELINE_COLOR,
                    afterContext(base.perFrame().length), base.perFrame(), true));
        }
        return c.render();
    }

    private static double[] afterContext(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static String arrow(Boolean higherIsBetter) {
        return higherIsBetter == null ? "" : higherIsBetter ? " ↑" : " ↓";
    }

    /** Which mean is better, compared as {@link Compared} says. */
    static String better(EvalResults.Stats m, EvalResults.Stats base) {
        if (base == null || m.higherIsBetter() == null) {
            return Numbers.NONE;
        }
        Compared c = Compared.of(m, base);
        if (Double.isNaN(c.model()) || Double.isNaN(c.base())) {
            return Numbers.NONE;
        }
        if (c.model() == c.base()) {
            return "tie" + c.suffix();
        }
        return ((c.model() > c.base()) == m.higherIsBetter() ? "model" : "baseline") + c.suffix();
    }

    private static String count(int n) {
        return n >= 0 ? Numbers.format(n) : Numbers.NONE;
    }
}
