package org.tecoplatform.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;

/** psnr and ssim agree with the original formulas as numpy/scipy compute them (make_metric_fixtures.py) within 1e-5. */
class FixtureAgreementTest {

    static final double TOLERANCE = 1e-5;

    @Test
    void psnrAgreesWithNumpy() throws Exception {
        double worst = agreement(new PsnrMetric(), true);
        System.out.printf("psnr: max |Java - numpy| over the fixture frames = %.3e dB%n", worst);
    }

    @Test
    void ssimAgreesWithScipy() throws Exception {
        double worst = agreement(new SsimMetric(), false);
        System.out.printf("ssim: max |Java - scipy| over the fixture frames = %.3e%n", worst);
    }

    private static double agreement(Metric metric, boolean psnr) throws Exception {
        double worst = 0;
        int frames = 0;
        for (MetricFixtures.Pair p : MetricFixtures.pairs()) {
            MetricScore s = metric.score(p.real(), p.fake(), p.contextFrames());
            double[] expected = psnr ? p.psnr() : p.ssim();
            double[] actual = s.perFrame();
            assertThat(actual).as(p.name()).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                if (Double.isInfinite(expected[i])) {
                    assertThat(actual[i]).as(p.name() + " frame " + i).isEqualTo(expected[i]);
                    continue;
                }
                double d = Math.abs(actual[i] - expected[i]);
                assertThat(d).as(p.name() + " frame " + i + ": " + actual[i] + " vs " + expected[i]).isLessThanOrEqualTo(TOLERANCE);
                worst = Math.max(worst, d);
                frames++;
            }
            assertThat(s.mean()).as(p.name() + " mean").isCloseTo(Arrays.stream(expected).average().orElseThrow(),
                    org.assertj.core.api.Assertions.offset(TOLERANCE));
        }
        assertThat(frames).isGreaterThanOrEqualTo(10);
        return worst;
    }
}
