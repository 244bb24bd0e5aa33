package org.tecoplatform.nn;

import java.util.Arrays;

/**
 * Flax {@code nn.Dense} on the last axis: kernel {@code [in, out]} (lecun_normal), optional bias
 * (zeros). Parameters {@code <name>.kernel}, {@code <name>.bias}.
 */
public final class Dense {

    private Dense() {
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int features, boolean bias) {
        return apply(ops, name, x, features, bias, Init.lecunNormal());
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int features, boolean bias, Init kernelInit) {
        int[] s = ops.shape(x);
        int in = s[s.length - 1];
        T kernel = ops.param(name + ".kernel", kernelInit, in, features);
        // Rank-N × rank-2 products run on the flattened rows (SameDiff rejects rank-3 × rank-2).
        T flat = s.length == 2 ? x : ops.reshape(x, -1, in);
        T y = ops.matmul(flat, kernel);
        if (bias) {
            y = ops.add(y, ops.param(name + ".bias", Init.zeros(), features));
        }
        if (s.length == 2) {
            return y;
        }
        int[] out = Arrays.copyOf(s, s.length);
        out[s.length - 1] = features;
        return ops.reshape(y, out);
    }
}
