package org.tecoplatform.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.Video;

/** Values that follow from the definitions, and the inputs both metrics refuse. */
class MetricPropertiesTest {

    static Video random(long seed, int frames, int h, int w) {
        byte[] px = new byte[frames * h * w * 3];
        new Random(seed).nextBytes(px);
        return new Video(frames, h, w, 3, px);
    }

    @Test
    void identicalVideosScoreInfinityAndOne() {
        Video v = random(1, 4, 16, 16);
        MetricScore p = new PsnrMetric().score(v, v, 1);
        assertThat(p.perFrame()).containsOnly(Double.POSITIVE_INFINITY).hasSize(3);
        assertThat(p.metric()).isEqualTo("psnr");
        MetricScore s = new SsimMetric().score(v, v, 1);
        assertThat(s.perFrame()).containsExactly(new double[] {1, 1, 1}, within(1e-12));
        assertThat(s.mean()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void psnrOfAConstantErrorIsClosedForm() {
        byte[] a = new byte[2 * 4 * 4 * 3];
        byte[] b = new byte[a.length];
        java.util.Arrays.fill(b, (byte) 51); // error 0.2 everywhere: mse 0.04, PSNR 10·log10(25)
        MetricScore p = new PsnrMetric().score(new Video(2, 4, 4, 3, a), new Video(2, 4, 4, 3, b), 0);
        double expected = 10 * Math.log10(25);
        assertThat(p.perFrame()).containsExactly(new double[] {expected, expected}, within(1e-12));
    }

    @Test
    void onlyFramesAfterTheContextAreScored() {
        Video real = random(2, 5, 12, 12);
        Video fake = random(3, 5, 12, 12);
        double[] all = new SsimMetric().score(real, fake, 0).perFrame();
        double[] after = new SsimMetric().score(real, fake, 3).perFrame();
        assertThat(after).containsExactly(all[3], all[4]);
    }

    @Test
    void windowTapsMatchTheOriginalsTwoDimensionalSoftmax() {
        double[] g = GaussianWindow.taps(11, 1.5);
        double total = 0;
        double[][] soft = new double[11][11];
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                double ci = i - 5;
                double cj = j - 5;
                soft[i][j] = Math.exp(-0.5 / (1.5 * 1.5) * (ci * ci + cj * cj));
                total += soft[i][j];
            }
        }
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                assertThat(g[i] * g[j]).isCloseTo(soft[i][j] / total, within(1e-15));
            }
        }
    }

    @Test
    void refusesMismatchedShapesAndContextsLeavingNothing() {
        Video a = random(4, 3, 16, 16);
        Video b = random(5, 3, 16, 12);
        assertThatThrownBy(() -> new PsnrMetric().score(a, b, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("psnr: the real video is Video(3,16,16,3) but the generated one is Video(3,16,12,3)");
        assertThatThrownBy(() -> new SsimMetric().score(a, a, 3)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("3 context frames of a 3-frame video leave no frame to score");
        assertThatThrownBy(() -> new PsnrMetric().score(a, a, -1)).isInstanceOf(BadInputException.class);
    }

    @Test
    void ssimRefusesFramesSmallerThanItsWindow() {
        Video small = random(6, 2, 10, 32);
        assertThatThrownBy(() -> new SsimMetric().score(small, small, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("frames of 10x32 are smaller than its 11x11 window");
    }
}
