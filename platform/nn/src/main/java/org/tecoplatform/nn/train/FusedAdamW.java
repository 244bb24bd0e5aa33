package org.tecoplatform.nn.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdamW's element-wise update of float32 arrays in one pass over their native memory, split in
 * chunks over the cores. Done as ND4J ops it is ~15 calls per parameter each with its own temporary:
 * 200-370 ms a step for TECO's 2 M-parameter small config and 3.6 s for DMLab's 172 M on two cores,
 * against a few ms and a fraction of a second here. The arithmetic is float32 in the ND4J path's order.
 */
final class FusedAdamW {

    private static final int CHUNK = 1 << 16;

    private FusedAdamW() {
    }

    /** Whether {@code a} is a float32 array laid out contiguously (what the fused pass reads). */
    static boolean fits(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.length() > 0 && a.ordering() == 'c' && a.elementWiseStride() == 1
                && !a.isView();
    }

    /** Σ g² of a float32 array (see {@link #fits}), in double, in chunks over the cores. */
    static double sumOfSquares(INDArray a) {
        FloatBuffer g = a.data().asNioFloat();
        int n = (int) a.length();
        return java.util.stream.IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().mapToDouble(c -> {
            double sq = 0;
            for (int i = c * CHUNK, end = Math.min(n, (c + 1) * CHUNK); i < end; i++) {
                double x = g.get(i);
                sq += x * x;
            }
            return sq;
        }).sum();
    }

    /** One parameter's arrays. */
    record Slot(INDArray p, INDArray g, INDArray m, INDArray v) {
    }

    /**
     * {@code m ← b1·m + (1−b1)·g'}, {@code v ← b2·v + (1−b2)·g'²}, {@code p ← p − lr·(m/bc1 / (√(v/bc2) + eps) + wd·p)},
     * with {@code g' = g·scale} when {@code scale} is not 1 (global-norm clipping).
     */
    static void step(List<Slot> slots, double b1, double b2, double eps, double wd, double lr, double bc1, double bc2,
                     double scale) {
        List<Runnable> work = new ArrayList<>();
        for (Slot s : slots) {
            FloatBuffer p = s.p.data().asNioFloat();
            FloatBuffer g = s.g.data().asNioFloat();
            FloatBuffer m = s.m.data().asNioFloat();
            FloatBuffer v = s.v.data().asNioFloat();
            long n = s.p.length();
            for (long from = 0; from < n; from += CHUNK) {
                int a = (int) from;
                int b = (int) Math.min(n, from + CHUNK);
                // scalars rounded to float as ND4J rounds a scalar operand of a float32 array
                work.add(() -> range(p, g, m, v, a, b, (float) b1, (float) (1 - b1), (float) b2, (float) (1 - b2), (float) eps,
                        (float) wd, (float) lr, (float) bc1, (float) bc2, (float) scale));
            }
        }
        work.parallelStream().forEach(Runnable::run);
    }

    private static void range(FloatBuffer p, FloatBuffer g, FloatBuffer m, FloatBuffer v, int from, int to, float b1, float c1,
                              float b2, float c2, float eps, float wd, float lr, float bc1, float bc2, float scale) {
        boolean clip = scale != 1f;
        for (int i = from; i < to; i++) {
            float gi = g.get(i);
            if (clip) {
                gi = gi * scale;
            }
            float mi = m.get(i) * b1 + gi * c1;
            float vi = v.get(i) * b2 + (gi * gi) * c2;
            m.put(i, mi);
            v.put(i, vi);
            float pi = p.get(i);
            float u = (mi / bc1) / ((float) Math.sqrt(vi / bc2) + eps);
            if (wd != 0f) {
                u = u + pi * wd;
            }
            p.put(i, pi - u * lr);
        }
    }
}
