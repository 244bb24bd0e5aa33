package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsSectionTest {

    @Test
    void aMeanMadeInfiniteByIdenticalFramesShowsHowManyAndTheRestsMean() {
        EvalResults.Stats inf = new EvalResults.Stats(Double.POSITIVE_INFINITY, Double.NaN, 8, new double[] {15.1}, true, 2, 15.0977);
        assertThat(MetricsSection.cell(inf)).contains("2 frames not finite").contains("15.1");
        EvalResults.Stats finite = new EvalResults.Stats(14.3, 0.71, 8, new double[] {14.3}, true, 0, 14.3);
        assertThat(MetricsSection.cell(finite)).doesNotContain("not finite");
    }

    @Test
    void anInfiniteBaselineIsComparedOverItsFiniteFrames() {
        EvalResults.Stats base = new EvalResults.Stats(Double.POSITIVE_INFINITY, Double.NaN, 8, new double[] {15.1}, true, 2, 15.0);
        EvalResults.Stats model = new EvalResults.Stats(15.5, 0.5, 8, new double[] {15.5}, true, 0, 15.5);
        assertThat(MetricsSection.better(model, base)).isEqualTo("model (finite frames)");
        assertThat(MetricsSection.difference(model, base)).startsWith("0.5").endsWith("(finite frames)");
        EvalResults.Stats worse = new EvalResults.Stats(14.0, 0.5, 8, new double[] {14.0}, true, 0, 14.0);
        assertThat(MetricsSection.better(worse, base)).isEqualTo("baseline (finite frames)");
    }

    @Test
    void lowerIsBetterMetricsAreComparedTheOtherWayRound() {
        EvalResults.Stats lpips = new EvalResults.Stats(0.12, 0.02, 8, new double[] {0.12}, false, 0, 0.12);
        EvalResults.Stats copy = new EvalResults.Stats(0.23, 0.03, 8, new double[] {0.23}, false, 0, 0.23);
        assertThat(MetricsSection.better(lpips, copy)).isEqualTo("model");
        assertThat(MetricsSection.better(copy, lpips)).isEqualTo("baseline");
        EvalResults.SetStat fvd = new EvalResults.SetStat(120, 5, 2, 256, 512, 100, 130, 0.95, 100, 0, false);
        EvalResults.SetStat copyFvd = new EvalResults.SetStat(400, 9, 2, 256, 512, 380, 420, 0.95, 100, 0, false);
        assertThat(MetricsSection.better(fvd, copyFvd)).isEqualTo("model");
        assertThat(MetricsSection.better(copyFvd, fvd)).isEqualTo("baseline");
        EvalResults.SetStat close = new EvalResults.SetStat(125, 5, 2, 256, 512, 105, 135, 0.95, 100, 0, false);
        assertThat(MetricsSection.better(close, fvd)).isEqualTo("baseline (intervals overlap)");
        EvalResults.SetStat noCi = new EvalResults.SetStat(125, 5, 2, 256, 512, Double.NaN, Double.NaN, 0.95, 0, 0, false);
        assertThat(MetricsSection.better(noCi, fvd)).isEqualTo("baseline");
        EvalResults.SetStat higher = new EvalResults.SetStat(0.9, 0, 1, 256, 16, Double.NaN, Double.NaN, 0.95, 0, 0, true);
        EvalResults.SetStat lower = new EvalResults.SetStat(0.5, 0, 1, 256, 16, Double.NaN, Double.NaN, 0.95, 0, 0, true);
        assertThat(MetricsSection.better(higher, lower)).isEqualTo("model");
    }

    @Test
    void aFolderScoredOnlyWithFvdGetsTheWholeSetTableAndNoEmptyOnes() {
        EvalResults.SetStat fvd = new EvalResults.SetStat(120.5, 4.25, 2, 256, 512, 100, 130, 0.95, 100, 3, false);
        EvalResults.Folder f = new EvalResults.Folder("samples_36", 36, 300, 512, 0, java.util.Map.of(), "copy_last_frame",
                java.util.Map.of(), java.util.Map.of("fvd", fvd), java.util.Map.of());
        String html = MetricsSection.folder(f);
        assertThat(html).contains("<h4>Whole set</h4>", "<td>fvd ↓</td><td>120.50 ± 4.25</td><td>[100, 130]</td>",
                "2 chunks of up to 256 videos").doesNotContain("By horizon", "<th>Metric</th>", "<svg");
    }

    @Test
    void horizonBucketsAverageTheFiniteFramesOfEachRange() {
        double[] model = new double[30];
        double[] copy = new double[30];
        for (int i = 0; i < 30; i++) {
            model[i] = i < 10 ? 10 : 20;
            copy[i] = i == 0 ? Double.POSITIVE_INFINITY : i < 10 ? 12 : 15;
        }
        EvalResults.Folder f = new EvalResults.Folder("samples_4", 4, 34, 2, 0,
                java.util.Map.of("psnr", new EvalResults.Stats(17, 1, 2, model, true, 0, 17)), "copy_last_frame",
                java.util.Map.of("psnr", new EvalResults.Stats(Double.POSITIVE_INFINITY, Double.NaN, 2, copy, true, 1, 14)));
        String html = MetricsSection.horizons(f);
        assertThat(html).contains("<td>1–10</td><td>10</td><td>12</td>", "<td>11–25</td><td>20</td><td>15</td>",
                "<td>26–30</td><td>20</td><td>15</td>");
        assertThat(MetricsSection.finiteMean(copy, 1, 1)).isNaN();
    }
}
