package org.tecoplatform.nn;

/** The activations TECO uses, written once against {@link Ops}. */
public final class Activations {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float INV_SQRT_2 = (float) (1 / Math.sqrt(2));

    private Activations() {
    }

    /** {@code nn.elu} (alpha 1). */
    public static <T> T elu(Ops<T> ops, T x) {
        return ops.elu(x);
    }

    /**
     * {@code nn.gelu} as Flax/JAX default (approximate=True):
     * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Used after TECO's final dense layers.
     */
    public static <T> T geluTanh(Ops<T> ops, T x) {
        T x3 = ops.mul(ops.mul(x, x), x);
        T inner = ops.mul(ops.scalar(SQRT_2_OVER_PI), ops.add(x, ops.mul(ops.scalar(0.044715f), x3)));
        return ops.mul(ops.mul(ops.scalar(0.5f), x), ops.add(ops.scalar(1f), ops.tanh(inner)));
    }

    /** Exact GELU 0.5·x·(1 + erf(x/√2)); by hand because SameDiff's gelu ops are approximations. */
    public static <T> T geluErf(Ops<T> ops, T x) {
        T e = ops.erf(ops.mul(x, ops.scalar(INV_SQRT_2)));
        return ops.mul(ops.mul(ops.scalar(0.5f), x), ops.add(ops.scalar(1f), e));
    }

    /** x·σ(1.702·x): the MLP activation inside TECO's transformer blocks. */
    public static <T> T quickGelu(Ops<T> ops, T x) {
        return ops.mul(x, ops.sigmoid(ops.mul(ops.scalar(1.702f), x)));
    }
}
