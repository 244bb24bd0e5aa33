package org.tecoplatform.nn.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoricalSamplerTest {

    /** Logits at an offset inside a longer buffer, as the sampler reads one position of a batch. */
    private static final float[] BUFFER = {9f, 9f, 0.5f, -1f, 2f, 1.5f, 0f, 9f};
    private static final int OFFSET = 2;
    private static final int K = 5;

    private static double[] softmax(double temperature, int keep) {
        double[] p = new double[K];
        double total = 0;
        for (int i = 0; i < K; i++) {
            // keep: the top `keep` logits by value (2, 1.5, 0.5, 0, -1 → codes 2, 3, 0, 4, 1).
            int rank = new int[] {2, 4, 0, 1, 3}[i];
            p[i] = rank < keep ? Math.exp(BUFFER[OFFSET + i] / temperature) : 0;
            total += p[i];
        }
        for (int i = 0; i < K; i++) {
            p[i] /= total;
        }
        return p;
    }

    private static double[] frequencies(CategoricalSampler s, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] f = new double[K];
        for (int i = 0; i < n; i++) {
            f[s.sample(BUFFER, OFFSET, K, rng)] += 1.0 / n;
        }
        return f;
    }

    @Test
    void frequenciesMatchTheSoftmax() {
        int n = 200_000;
        for (double t : new double[] {1.0, 0.5, 2.0}) {
            double[] f = frequencies(new CategoricalSampler(t, 0), n, 7);
            double[] p = softmax(t, K);
            for (int i = 0; i < K; i++) {
                double se = Math.sqrt(p[i] * (1 - p[i]) / n);
                assertThat(Math.abs(f[i] - p[i])).as("T=" + t + " code " + i).isLessThanOrEqualTo(5 * se + 1e-9);
            }
        }
    }

    @Test
    void topKRestrictsToTheLargestLogits() {
        int n = 100_000;
        double[] f = frequencies(new CategoricalSampler(1.0, 2), n, 8);
        double[] p = softmax(1.0, 2);
        assertThat(f[0]).isZero();
        assertThat(f[1]).isZero();
        assertThat(f[4]).isZero();
        for (int i = 0; i < K; i++) {
            assertThat(Math.abs(f[i] - p[i])).isLessThanOrEqualTo(5 * Math.sqrt(p[i] * (1 - p[i]) / n) + 1e-9);
        }
        // k beyond the row is the full softmax.
        assertThat(frequencies(new CategoricalSampler(1.0, 99), 1000, 9)).containsExactly(frequencies(new CategoricalSampler(1.0, 0), 1000, 9));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // Probabilities at T=1: code 2 ≈ 0.50, 3 ≈ 0.30, 0 ≈ 0.11, 4 ≈ 0.07, 1 ≈ 0.02.
        double[] p = softmax(1.0, K);
        int n = 100_000;
        double[] f = frequencies(new CategoricalSampler(1.0, 0, 0.7), n, 11);
        // 0.50 + 0.30 ≥ 0.7: only codes 2 and 3 stay, renormalised.
        double z = p[2] + p[3];
        assertThat(f[0] + f[1] + f[4]).isZero();
        assertThat(Math.abs(f[2] - p[2] / z)).isLessThanOrEqualTo(0.01);
        // top_p 1 is the full softmax, draw for draw.
        assertThat(frequencies(new CategoricalSampler(1.0, 0, 1.0), 1000, 9)).containsExactly(frequencies(new CategoricalSampler(1.0, 0), 1000, 9));
        // A tiny p keeps the most likely code only.
        assertThat(frequencies(new CategoricalSampler(1.0, 0, 1e-6), 200, 2)[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void greedyWhenTemperatureIsZeroOrTopKIsOne() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertThat(new CategoricalSampler(0, 0).sample(BUFFER, OFFSET, K, rng)).isEqualTo(2);
            assertThat(new CategoricalSampler(1, 1).sample(BUFFER, OFFSET, K, rng)).isEqualTo(2);
            assertThat(new CategoricalSampler(1e-3, 0).sample(BUFFER, OFFSET, K, rng)).isEqualTo(2);
        }
    }

    @Test
    void sameSeedSameDraws() {
        assertThat(frequencies(new CategoricalSampler(1, 0), 500, 3)).containsExactly(frequencies(new CategoricalSampler(1, 0), 500, 3));
    }

    @Test
    void rejectsBadSettingsAndNaN() {
        assertThatThrownBy(() -> new CategoricalSampler(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoricalSampler(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoricalSampler(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoricalSampler(1, 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoricalSampler(1, 0).sample(new float[] {0f, Float.NaN}, 0, 2, new SplittableRandom(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
