package org.tecoplatform.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** AdamW against optax's formulas computed by hand in double on a tiny example. */
class AdamWTest {

    /** optax.adamw (+ optional clip_by_global_norm first) for scalar parameters, in double. */
    private static double[] reference(double[] p0, double[][] gradsPerStep, AdamW.Settings s, LearningRateSchedule lr) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int step = 0; step < gradsPerStep.length; step++) {
            double[] g = gradsPerStep[step].clone();
            double norm = 0;
            for (double x : g) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (s.clipNorm() > 0 && norm >= s.clipNorm()) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = g[i] / norm * s.clipNorm();
                }
            }
            int t = step + 1;
            for (int i = 0; i < p.length; i++) {
                m[i] = (1 - s.b1()) * g[i] + s.b1() * m[i];
                v[i] = (1 - s.b2()) * g[i] * g[i] + s.b2() * v[i];
                double mh = m[i] / (1 - Math.pow(s.b1(), t));
                double vh = v[i] / (1 - Math.pow(s.b2(), t));
                double u = mh / (Math.sqrt(vh) + s.eps()) + s.weightDecay() * p[i];
                p[i] += -lr.at(step) * u;
            }
        }
        return p;
    }

    private static double[] run(double[] p0, double[][] grads, AdamW.Settings s, LearningRateSchedule lr) {
        // Two parameters ("w": first 2 values, "b": the rest), as a graph's kernel and bias.
        INDArray w = Nd4j.createFromArray(new float[] {(float) p0[0], (float) p0[1]});
        INDArray b = Nd4j.createFromArray(new float[] {(float) p0[2]});
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", w);
        params.put("b", b);
        AdamW opt = new AdamW(s, lr);
        for (double[] g : grads) {
            Map<String, INDArray> gm = Map.of(
                    "w", Nd4j.createFromArray(new float[] {(float) g[0], (float) g[1]}),
                    "b", Nd4j.createFromArray(new float[] {(float) g[2]}));
            opt.step(params, gm);
        }
        assertThat(opt.count()).isEqualTo(grads.length);
        return new double[] {w.getDouble(0), w.getDouble(1), b.getDouble(0)};
    }

    private static final double[] P0 = {0.5, -1.25, 2.0};
    private static final double[][] GRADS = {
        {0.3, -0.2, 1.5},
        {-0.1, 0.4, 0.5},
        {0.25, 0.05, -2.0},
        {1.0, -3.0, 0.75},
    };

    @Test
    void matchesOptaxAdamwWithWarmupAndWeightDecayOnEveryParameter() {
        AdamW.Settings s = AdamW.Settings.teco(0.1);
        LearningRateSchedule lr = LearningRateSchedule.warmupCosineDecay(0, 0.05, 2, 6, 0);
        double[] got = run(P0, GRADS, s, lr);
        double[] want = reference(P0, GRADS, s, lr);
        for (int i = 0; i < 3; i++) {
            assertThat(got[i]).as("param " + i).isCloseTo(want[i], offset(1e-6));
        }
        // Hand check of the first two steps for w[0]: lr(0) = 0 leaves it unchanged; step 2 uses
        // lr(1) = 0.025, m̂ = 0.1·(0.9·0.03... ) computed here explicitly.
        double m1 = 0.1 * 0.3, v1 = 0.05 * 0.09;
        double m2 = 0.1 * -0.1 + 0.9 * m1, v2 = 0.05 * 0.01 + 0.95 * v1;
        double u2 = (m2 / (1 - 0.81)) / (Math.sqrt(v2 / (1 - 0.9025)) + 1e-8) + 0.1 * 0.5;
        double afterTwo = 0.5 - 0.025 * u2;
        assertThat(run(P0, new double[][] {GRADS[0], GRADS[1]}, s, lr)[0]).isCloseTo(afterTwo, offset(1e-7));
        // Biases decay too (no mask): zero gradients still shrink a bias once lr > 0.
        double[] decayed = run(new double[] {0, 0, 2.0}, new double[][] {{0, 0, 0}, {0, 0, 0}}, s, lr);
        assertThat(decayed[2]).isCloseTo(2.0 - 0.025 * 0.1 * 2.0, offset(1e-7));
    }

    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        AdamW.Settings s = new AdamW.Settings(0.9, 0.95, 1e-8, 0, 0.5);
        LearningRateSchedule lr = LearningRateSchedule.constant(0.01);
        double[] got = run(P0, GRADS, s, lr);
        double[] want = reference(P0, GRADS, s, lr);
        for (int i = 0; i < 3; i++) {
            assertThat(got[i]).as("param " + i).isCloseTo(want[i], offset(1e-6));
        }
        // Clipping changes the result (Adam is scale-invariant only without eps and across steps
        // of equal scale; these steps clip by different factors).
        double[] unclipped = reference(P0, GRADS, AdamW.Settings.teco(0), lr);
        double diff = 0;
        for (int i = 0; i < 3; i++) {
            diff = Math.max(diff, Math.abs(unclipped[i] - want[i]));
        }
        assertThat(diff).isGreaterThan(1e-4);
    }

    @Test
    void aLargeFloat32ParameterUpdatedInParallelChunksAgreesWithTheDoublePrecisionPath() {
        // 200,003 values: several of the fused pass's chunks and a ragged end; the double copy takes
        // the element-wise ND4J path, which the hand-computed optax values above check.
        int n = 200_003;
        INDArray p32 = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, n).subi(0.5);
        INDArray p64 = p32.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        AdamW.Settings s = AdamW.Settings.teco(0.01).withClipNorm(50);
        AdamW fused = new AdamW(s, LearningRateSchedule.constant(1e-2));
        AdamW plain = new AdamW(s, LearningRateSchedule.constant(1e-2));
        for (int step = 0; step < 3; step++) {
            INDArray g32 = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, n);
            fused.step(Map.of("p", p32), Map.of("p", g32));
            plain.step(Map.of("p", p64), Map.of("p", g32.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
        }
        assertThat(fused.lastGradNorm()).isGreaterThan(50);   // clipping was on
        double maxDiff = p32.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(p64).amaxNumber().doubleValue();
        assertThat(maxDiff).isLessThan(1e-6);
        assertThat(p32.sub(p64.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)).amaxNumber().doubleValue()).isLessThan(1e-6);
        assertThat(fused.mu().get("p").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(plain.mu().get("p"))
                .amaxNumber().doubleValue()).isLessThan(1e-6);
    }
}
