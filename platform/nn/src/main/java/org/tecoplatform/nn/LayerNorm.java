package org.tecoplatform.nn;

/**
 * Flax {@code nn.LayerNorm} (epsilon 1e-6) over the last axis, with scale (ones) and bias (zeros).
 * Parameters {@code <name>.scale}, {@code <name>.bias}. The variance is computed as Flax does,
 * E[x²] − E[x]² clamped at 0 (DESIGN.md "details that decide exactness"); SameDiff's layerNorm
 * has no epsilon.
 */
public final class LayerNorm {

    public static final float EPSILON = 1e-6f;

    private LayerNorm() {
    }

    public static <T> T apply(Ops<T> ops, String name, T x) {
        int[] s = ops.shape(x);
        int last = s.length - 1;
        T mean = ops.reduceMean(x, true, last);
        T mean2 = ops.reduceMean(ops.mul(x, x), true, last);
        T var = ops.relu(ops.sub(mean2, ops.mul(mean, mean)));
        T y = ops.mul(ops.sub(x, mean), ops.rsqrt(ops.add(var, ops.scalar(EPSILON))));
        y = ops.mul(y, ops.param(name + ".scale", Init.ones(), s[last]));
        return ops.add(y, ops.param(name + ".bias", Init.zeros(), s[last]));
    }
}
