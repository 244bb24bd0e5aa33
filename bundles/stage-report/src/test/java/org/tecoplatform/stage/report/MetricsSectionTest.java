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
