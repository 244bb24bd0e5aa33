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
        int c = ops.shape(x)[ops.shape(x).length - 1];
        return ops.layerNorm(x, ops.param(name + ".scale", Init.ones(), c), ops.param(name + ".bias", Init.zeros(), c), EPSILON);
    }
}
