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
}
