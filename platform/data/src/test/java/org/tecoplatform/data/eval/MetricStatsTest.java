package org.tecoplatform.data.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricStatsTest {

    @Test
    void infiniteFramesMakeTheMeanInfiniteAndAreCountedWithAFiniteCompanion() {
        MetricStats s = MetricStats.of(List.of(new double[] {10, Double.POSITIVE_INFINITY}, new double[] {20, 30}), true);
        assertThat(s.mean()).isInfinite();
        assertThat(s.nonFiniteFrames()).isEqualTo(1);
        assertThat(s.finiteMean()).isCloseTo((10 + 25) / 2.0, within(1e-12));
        MetricStats f = MetricStats.of(List.of(new double[] {1, 3}, new double[] {5, 7}), true);
        assertThat(f.nonFiniteFrames()).isZero();
        assertThat(f.finiteMean()).isEqualTo(f.mean()).isEqualTo(4.0);
    }
}
