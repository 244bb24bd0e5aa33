package org.tecoplatform.stage.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.MetricStats;
import org.tecoplatform.data.eval.RevisitStats;

class EvalLinesTest {

    private static final MetricStats PSNR = new MetricStats(20, 1, 2, new double[] {20}, true);

    @Test
    void aRevisitBlockAddsItsScoresToTheLine() {
        RevisitStats r = new RevisitStats(12, 2, Map.of("psnr", new RevisitStats.Mean(25, 0, 25)),
                Map.of("psnr", new RevisitStats.Mean(Double.POSITIVE_INFINITY, 1, 15)));
        EvalSummary s = new EvalSummary("samples_4", 4, 8, 2, 2, 3, 2, 1, 0, Map.of("psnr", PSNR), null, Map.of(), r);
        assertThat(EvalLines.oneLine(s)).isEqualTo("samples_4 (2 videos, 4 context frames): psnr 20.0000 ± 1.0000;"
                + " on the 12 frames that revisit a context view: psnr 25.0000 (baseline 15.0000 over finite frames, 1 exact)");
    }

    @Test
    void withoutOneTheLineIsAsBefore() {
        EvalSummary s = new EvalSummary("samples_4", 4, 8, 2, 2, 3, 2, 1, 0, Map.of("psnr", PSNR), null);
        assertThat(EvalLines.oneLine(s)).isEqualTo("samples_4 (2 videos, 4 context frames): psnr 20.0000 ± 1.0000");
    }
}
