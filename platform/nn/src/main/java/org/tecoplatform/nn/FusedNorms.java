package org.tecoplatform.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GroupNorm and LayerNorm with scale and bias, forward and backward (the eager back end's fused
 * form of {@link Ops#groupNorm} and {@link Ops#layerNorm}; composed from element-wise ops they
 * made up half of a small TECO step). Data is viewed as {@code [N, P, C]}: statistics per row n
 * and channel group over P positions × C/G channels (LayerNorm: P = 1, one group). Each row is
 * copied into a double scratch array, worked on there, and written back; statistics are in
 * double. Rows are split into a number of chunks that depends only on the shape, and
 * per-channel sums are combined in chunk order, so results do not depend on the thread count.
 */
final class FusedNorms {

    private static final int MAX_CHUNKS = 16;
    /** Elements per chunk below which splitting costs more than it saves. */
    private static final long CHUNK_ELEMENTS = 1 << 15;

    /** Per-(row, group) mean and 1/sqrt(var + eps); {@code flat}: LayerNorm's clamped variance was 0. */
    record Stats(double[] mean, double[] rstd, boolean[] flat) {
    }

    /** Bulk row access over a float or double array (dense, c order). */
    private interface Buf {
        void read(int from, double[] dst, int n);

        void write(int from, double[] src, int n);
    }

    private static Buf buf(INDArray a) {
        int off = Math.toIntExact(a.offset());
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer f = a.data().asNioFloat();
            return new Buf() {
                private final ThreadLocal<float[]> tmp = ThreadLocal.withInitial(() -> new float[0]);

                public void read(int from, double[] dst, int n) {
                    float[] t = scratch(n);
                    f.get(off + from, t, 0, n);
                    for (int i = 0; i < n; i++) {
                        dst[i] = t[i];
                    }
                }

                public void write(int from, double[] src, int n) {
                    float[] t = scratch(n);
                    for (int i = 0; i < n; i++) {
                        t[i] = (float) src[i];
                    }
                    f.put(off + from, t, 0, n);
                }

                private float[] scratch(int n) {
                    float[] t = tmp.get();
                    if (t.length < n) {
                        t = new float[n];
                        tmp.set(t);
                    }
                    return t;
                }
            };
        }
        DoubleBuffer d = a.data().asNioDouble();
        return new Buf() {
            public void read(int from, double[] dst, int n) {
                d.get(off + from, dst, 0, n);
            }

            public void write(int from, double[] src, int n) {
                d.put(off + from, src, 0, n);
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
        double[] sc = new double[c];
        double[] bi = new double[c];
        buf(scale).read(0, sc, c);
        buf(bias).read(0, bi, c);
        int cg = c / groups;
        int row = p * c;
        double count = (double) p * cg;
        double[] mean = new double[n * groups];
        double[] rstd = new double[n * groups];
        boolean[] flat = new boolean[n * groups];
        int chunks = chunks(n, row);
        IntStream.range(0, chunks).parallel().forEach(ci -> {
            double[] v = new double[row];
            double[] m = new double[c];   // per channel: mean of its group
            double[] k = new double[c];   // per channel: rstd of its group
            for (int r = from(n, chunks, ci); r < from(n, chunks, ci + 1); r++) {
                xb.read(r * row, v, row);
                for (int g = 0; g < groups; g++) {
                    double s1 = 0;
                    double s2 = 0;
                    for (int q = 0; q < p; q++) {
                        int at = q * c + g * cg;
                        for (int j = at; j < at + cg; j++) {
                            s1 += v[j];
                            s2 += v[j] * v[j];
                        }
                    }
                    double mu = s1 / count;
                    double var;
                    int idx = r * groups + g;
                    if (layerNorm) {
                        var = s2 / count - mu * mu;
                        if (var <= 0) {
                            var = 0;
                            flat[idx] = true;
                        }
                    } else {
                        // two passes, as the composed form: the mean of squared deviations
                        double d2 = 0;
                        for (int q = 0; q < p; q++) {
                            int at = q * c + g * cg;
                            for (int j = at; j < at + cg; j++) {
                                double d = v[j] - mu;
                                d2 += d * d;
                            }
                        }
                        var = d2 / count;
                    }
                    mean[idx] = mu;
                    rstd[idx] = 1 / Math.sqrt(var + eps);
                    for (int j = g * cg; j < (g + 1) * cg; j++) {
                        m[j] = mu;
                        k[j] = rstd[idx];
                    }
                }
                for (int q = 0; q < p; q++) {
                    int at = q * c;
                    for (int j = 0; j < c; j++) {
                        v[at + j] = (v[at + j] - m[j]) * k[j] * sc[j] + bi[j];
                    }
                }
                yb.write(r * row, v, row);
            }
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
        Buf dxb = dx == null ? null : buf(dx);
        double[] sc = new double[c];
        buf(scale).read(0, sc, c);
        int cg = c / groups;
        int row = p * c;
        double count = (double) p * cg;
        int chunks = chunks(n, row);
        double[][] partS = new double[chunks][c];
        double[][] partB = new double[chunks][c];
        IntStream.range(0, chunks).parallel().forEach(ci -> {
            double[] ps = partS[ci];
            double[] pb = partB[ci];
            double[] xh = new double[row];
            double[] g = new double[row];
            double[] m = new double[c];
            double[] k = new double[c];
            double[] a = new double[groups];
            double[] b = new double[groups];
            for (int r = from(n, chunks, ci); r < from(n, chunks, ci + 1); r++) {
                xb.read(r * row, xh, row);
                gb.read(r * row, g, row);
                for (int gi = 0; gi < groups; gi++) {
                    for (int j = gi * cg; j < (gi + 1) * cg; j++) {
                        m[j] = st.mean()[r * groups + gi];
                        k[j] = st.rstd()[r * groups + gi];
                    }
                }
                java.util.Arrays.fill(a, 0);
                java.util.Arrays.fill(b, 0);
                for (int q = 0; q < p; q++) {
                    int at = q * c;
                    for (int j = 0; j < c; j++) {
                        double h = (xh[at + j] - m[j]) * k[j];
                        xh[at + j] = h;
                        double gv = g[at + j];
                        ps[j] += gv * h;
                        pb[j] += gv;
                    }
                }
                if (dxb == null) {
                    continue;
                }
                for (int gi = 0; gi < groups; gi++) {
                    double sa = 0;
                    double sb = 0;
                    for (int q = 0; q < p; q++) {
                        int at = q * c + gi * cg;
                        for (int j = at; j < at + cg; j++) {
                            double dxh = g[j] * sc[j - q * c];
                            sa += dxh;
                            sb += dxh * xh[j];
                        }
                    }
                    a[gi] = sa / count;
                    b[gi] = st.flat()[r * groups + gi] ? 0 : sb / count;
                }
                for (int q = 0; q < p; q++) {
                    int at = q * c;
                    for (int j = 0; j < c; j++) {
                        int gi = j / cg;
                        g[at + j] = k[j] * (g[at + j] * sc[j] - a[gi] - xh[at + j] * b[gi]);
                    }
                }
                dxb.write(r * row, g, row);
            }
        });
        double[] s = new double[c];
        double[] t = new double[c];
        for (int ci = 0; ci < chunks; ci++) {
            for (int j = 0; j < c; j++) {
                s[j] += partS[ci][j];
                t[j] += partB[ci][j];
            }
        }
        buf(dscale).write(0, s, c);
        buf(dbias).write(0, t, c);
    }

    /** Chunks of rows: from the shape alone (never the thread count), so sums are always added in one order. */
    private static int chunks(int n, int row) {
        long total = (long) n * row;
        return (int) Math.max(1, Math.min(Math.min(MAX_CHUNKS, n), total / CHUNK_ELEMENTS));
    }

    private static int from(int n, int chunks, int ci) {
        return (int) ((long) n * ci / chunks);
    }
}
