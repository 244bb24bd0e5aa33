package org.tecoplatform.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.VideoMetricSession;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;

/**
 * Acceptance check 1: the converted random-weight LPIPS on ONNX Runtime gives the distances of the
 * independent float64 PyTorch definition in tools/fixtures/make_lpips_fixture.py within 1e-4, at the
 * frames' native sizes (64x64, 40x48 and the smallest the trunk takes, 31x31), in batches of any size.
 */
class OrtAgreementTest {

    @Test
    void distancesMatchPyTorch() throws Exception {
        double worst = 0;
        for (int batch : new int[] {1, 2, 16}) {
            try (VideoMetricSession s = new LpipsMetric().open(LpipsFixtures.config(LpipsFixtures.modelDir(),
                    Map.of("batch", batch)));
                 NpzReader npz = NpzReader.open(LpipsFixtures.resources().resolve("lpips-fixture.npz"))) {
                assertThat(s.perVideo()).isTrue();
                for (String c : List.of("square64", "wide40x48", "min31")) {
                    NpyArray real = npz.read(c + "_real");
                    byte[] realPx = real.toUint8();
                    byte[] fakePx = npz.read(c + "_fake").toUint8();
                    int ctx = npz.read(c + "_ctx").toInts()[0];
                    double[] expected = npz.read(c + "_lpips").toDoubles();
                    int[] shape = real.shape();
                    int scored = shape[1] - ctx;
                    for (int n = 0; n < shape[0]; n++) {
                        MetricScore score = s.score(LpipsFixtures.video(shape, realPx, n), LpipsFixtures.video(shape, fakePx, n),
                                ctx);
                        double[] got = score.perFrame();
                        assertThat(got).hasSize(scored);
                        for (int f = 0; f < scored; f++) {
                            double want = expected[n * scored + f];
                            assertThat(got[f]).as("%s video %d frame %d", c, n, ctx + f).isCloseTo(want, within(1e-4));
                            worst = Math.max(worst, Math.abs(got[f] - want));
                        }
                    }
                }
            }
        }
        System.out.printf("LPIPS ORT vs PyTorch (float64): max abs error %.3e%n", worst);
    }

    @Test
    void identicalFramesAreZeroApart() throws Exception {
        try (VideoMetricSession s = new LpipsMetric().open(LpipsFixtures.config());
             NpzReader npz = NpzReader.open(LpipsFixtures.resources().resolve("lpips-fixture.npz"))) {
            NpyArray real = npz.read("square64_real");
            var v = LpipsFixtures.video(real.shape(), real.toUint8(), 0);
            assertThat(s.score(v, v, 0).perFrame()).containsOnly(0.0);
        }
    }
}
