package org.tecoplatform.stage.eval;

import java.util.Locale;
import java.util.Map;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.MetricStats;
import org.tecoplatform.data.eval.RevisitStats;

/** A folder's result in one log line: "samples_36 (8 videos): psnr 21.30 ± 0.41 (baseline 19.02 ± 0.37), ...". */
final class EvalLines {

    private EvalLines() {
    }

    static String oneLine(EvalSummary s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s (%d videos, %d context frames):", s.samples(),
                s.videos(), s.contextFrames()));
        String sep = " ";
        for (Map.Entry<String, MetricStats> e : s.metrics().entrySet()) {
            b.append(sep).append(e.getKey()).append(' ').append(meanStd(e.getValue()));
            if (s.baseline() != null && s.baseline().metrics().containsKey(e.getKey())) {
                b.append(" (baseline ").append(meanStd(s.baseline().metrics().get(e.getKey()))).append(')');
            }
            sep = ", ";
        }
        if (s.revisit() != null) {
            RevisitStats r = s.revisit();
            b.append(String.format(Locale.ROOT, "; on the %d frames that revisit a context view:", r.frames()));
            sep = " ";
            for (Map.Entry<String, RevisitStats.Mean> e : r.model().entrySet()) {
                b.append(sep).append(e.getKey()).append(' ').append(mean(e.getValue()));
                if (r.baseline() != null && r.baseline().containsKey(e.getKey())) {
                    b.append(" (baseline ").append(mean(r.baseline().get(e.getKey()))).append(')');
                }
                sep = ", ";
            }
        }
        if (s.contextMismatches() > 0) {
            b.append("; ").append(s.contextMismatches()).append(" videos' generated context frames differ from the real ones");
        }
        return b.toString();
    }

    /** The finite mean when some frames are exact copies (PSNR +inf), so the line stays readable. */
    private static String mean(RevisitStats.Mean m) {
        return m.nonFiniteFrames() > 0
                ? String.format(Locale.ROOT, "%.4f over finite frames, %d exact", m.finiteMean(), m.nonFiniteFrames())
                : String.format(Locale.ROOT, "%.4f", m.mean());
    }

    private static String meanStd(MetricStats m) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", m.mean(), m.std());
    }
}
