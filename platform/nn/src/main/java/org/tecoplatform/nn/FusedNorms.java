package org.tecoplatform.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GroupNorm and LayerNorm with scale and bias, forward and backward, each in two passes over
 * the memory (the eager back end's fused form of {@link Ops#groupNorm} and {@link Ops#layerNorm};
 * composed from element-wise ops they made up half of a small TECO step). Data is viewed as
 * {@code [N, P, C]}: statistics per row n and channel group over P positions × C/G channels
 * (LayerNorm: P = 1, one group). Statistics are accumulated in double; work is split into a
 * fixed number of chunks of rows, and per-channel sums are combined in chunk order, so results
 * do not depend on the thread count or scheduling.
 */
final class FusedNorms {

    private static final int CHUNKS = 16;

    /** Per-(row, group) mean and 1/sqrt(var + eps); {@code flat}: LayerNorm's clamped variance was 0. */
    record Stats(double[] mean, double[] rstd, boolean[] flat) {
    }

    /** Element access over a float or double array (contiguous, c order). */
    private interface Buf {
        double get(int i);

        void set(int i, double v);
    }

    private static Buf buf(INDArray a) {
        int off = Math.toIntExact(a.offset());
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer f = a.data().asNioFloat();
            return new Buf() {
                public double get(int i) {
                    return f.get(off + i);
                }

                public void set(int i, double v) {
                    f.put(off + i, (float) v);
                }
            };
        }
        DoubleBuffer d = a.data().asNioDouble();
        return new Buf() {
            public double get(int i) {
                return d.get(off + i);
            }

            public void set(int i, double v) {
                d.put(off + i, v);
            }
        };
    }

    private FusedNorms() {
    }

    /**
     * y = (x − mean) / sqrt(var + eps) · scale + bias. GroupNorm's variance is the mean of squared
     * deviations; LayerNorm's ({@code layerNorm}) is E[x²] − E[x]² clamped at 0, as Flax.
     */
    static Stats forward(INDArray x, INDArray scale, INDArray bias, INDArray y, int n, int p, int c, int groups, double eps,
            boolean layerNorm) {
        Buf xb = buf(x);
        Buf yb = buf(y);
        Buf sb = buf(scale);
        Buf bb = buf(bias);
        int cg = c / groups;
        double count = (double) p * cg;
        double[] mean = new double[n * groups];
        double[] rstd = new double[n * groups];
        boolean[] flat = new boolean[n * groups];
        chunks(n, (from, to) -> {
            double[] s1 = new double[groups];
            double[] s2 = new double[groups];
            for (int r = from; r < to; r++) {
                java.util.Arrays.fill(s1, 0);
                java.util.Arrays.fill(s2, 0);
                int base = r * p * c;
                for (int q = 0; q < p; q++) {
                    int at = base + q * c;
                    for (int ch = 0; ch < c; ch++) {
                        s1[ch / cg] += xb.get(at + ch);
                    }
                }
                for (int g = 0; g < groups; g++) {
                    mean[r * groups + g] = s1[g] / count;
                }
                for (int q = 0; q < p; q++) {
                    int at = base + q * c;
                    for (int ch = 0; ch < c; ch++) {
                        double v = xb.get(at + ch);
                        s2[ch / cg] += layerNorm ? v * v : sq(v - mean[r * groups + ch / cg]);
                    }
                }
                for (int g = 0; g < groups; g++) {
                    int k = r * groups + g;
                    double var = layerNorm ? s2[g] / count - mean[k] * mean[k] : s2[g] / count;
                    if (layerNorm && var <= 0) {
                        var = 0;
                        flat[k] = true;
                    }
                    rstd[k] = 1 / Math.sqrt(var + eps);
                }
                for (int q = 0; q < p; q++) {
                    int at = base + q * c;
                    for (int ch = 0; ch < c; ch++) {
                        int k = r * groups + ch / cg;
                        yb.set(at + ch, (xb.get(at + ch) - mean[k]) * rstd[k] * sb.get(ch) + bb.get(ch));
                    }
                }
            }
            return null;
        });
        return new Stats(mean, rstd, flat);
    }

    /**
     * Gradients from dy: dx = r·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) per group, with dx̂ = dy·scale
     * (without the last term where LayerNorm's variance was clamped); dscale = Σ dy·x̂,
     * dbias = Σ dy. {@code dx} may be null (not needed).
     */
    static void backward(INDArray x, INDArray scale, INDArray dy, Stats st, INDArray dx, INDArray dscale, INDArray dbias,
            int n, int p, int c, int groups) {
        Buf xb = buf(x);
        Buf gb = buf(dy);
        Buf sb = buf(scale);
        Buf dxb = dx == null ? null : buf(dx);
        int cg = c / groups;
        double count = (double) p * cg;
        int chunks = Math.min(CHUNKS, Math.max(1, n));
        double[][] partS = new double[chunks][c];
        double[][] partB = new double[chunks][c];
        IntStream.range(0, chunks).parallel().forEach(ci -> {
            int from = (int) ((long) n * ci / chunks);
            int to = (int) ((long) n * (ci + 1) / chunks);
            double[] ps = partS[ci];
            double[] pb = partB[ci];
            double[] a = new double[groups];
            double[] b = new double[groups];
            for (int r = from; r < to; r++) {
                java.util.Arrays.fill(a, 0);
                java.util.Arrays.fill(b, 0);
                int base = r * p * c;
                for (int q = 0; q < p; q++) {
                    int at = base + q * c;
                    for (int ch = 0; ch < c; ch++) {
                        int k = r * groups + ch / cg;
                        double g = gb.get(at + ch);
                        double xh = (xb.get(at + ch) - st.mean()[k]) * st.rstd()[k];
                        double dxh = g * sb.get(ch);
                        ps[ch] += g * xh;
                        pb[ch] += g;
                        a[ch / cg] += dxh;
                        b[ch / cg] += dxh * xh;
                    }
                }
                if (dxb == null) {
                    continue;
                }
                for (int q = 0; q < p; q++) {
                    int at = base + q * c;
                    for (int ch = 0; ch < c; ch++) {
                        int gi = ch / cg;
                        int k = r * groups + gi;
                        double xh = (xb.get(at + ch) - st.mean()[k]) * st.rstd()[k];
                        double dxh = gb.get(at + ch) * sb.get(ch);
                        double v = dxh - a[gi] / count - (st.flat()[k] ? 0 : xh * b[gi] / count);
                        dxb.set(at + ch, st.rstd()[k] * v);
                    }
                }
            }
        });
        Buf dsb = buf(dscale);
        Buf dbb = buf(dbias);
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            double t = 0;
            for (int ci = 0; ci < chunks; ci++) {
                s += partS[ci][ch];
                t += partB[ci][ch];
            }
            dsb.set(ch, s);
            dbb.set(ch, t);
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    private interface Range {
        Void run(int from, int to);
    }

    private static void chunks(int n, Range body) {
        int chunks = Math.min(CHUNKS, Math.max(1, n));
        IntStream.range(0, chunks).parallel().forEach(ci -> body.run((int) ((long) n * ci / chunks),
                (int) ((long) n * (ci + 1) / chunks)));
    }
}
