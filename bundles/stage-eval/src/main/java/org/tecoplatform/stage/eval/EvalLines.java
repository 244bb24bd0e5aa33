package org.tecoplatform.stage.eval;

import java.util.Locale;
import java.util.Map;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.MetricStats;

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
        if (s.contextMismatches() > 0) {
            b.append("; ").append(s.contextMismatches()).append(" videos' generated context frames differ from the real ones");
        }
        return b.toString();
    }

    private static String meanStd(MetricStats m) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", m.mean(), m.std());
    }
}
