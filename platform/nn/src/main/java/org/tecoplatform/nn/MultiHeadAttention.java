package org.tecoplatform.nn;

/**
 * TECO's {@code MultiHeadAttention} (self-attention form, {@code inputs_q = inputs_kv}).
 *
 * <p>{@code query}, {@code key}, {@code value}: Flax {@code DenseGeneral(features=(heads,
 * head_dim))} with bias, kernels {@code [D, heads, head_dim]}, biases {@code [heads, head_dim]};
 * {@code out}: {@code DenseGeneral(features=D, axis=(-2,-1))} without bias, kernel
 * {@code [heads, head_dim, D]}, then {@code out_bias} (AddBias). Kernels are initialised
 * variance_scaling(1.0, fan_in, normal) with Flax's DenseGeneral fan-in: the product of the
 * contracted axes (D for q/k/v, heads·head_dim for out).
 *
 * <p>Attention as {@code flax.linen.dot_product_attention}: the query is divided by
 * √head_dim, logits = q·kᵀ + bias, softmax over keys, weighted sum of values. The mask bias is
 * 0 where allowed and −1e10 where masked ({@link Masks#additiveBias}).
 *
 * <p>Dropout: the original's {@code attention_dropout} is 0 in every TECO config and is never
 * applied at inference; it is left out here.
 */
public final class MultiHeadAttention {

    private MultiHeadAttention() {
    }

    /** variance_scaling(1.0, fan_in, normal) with the fan-in given by the first {@code inAxes} axes. */
    static Init kernelInit(int inAxes) {
        return (shape, out, rng) -> {
            int fanIn = 1;
            int rest = 1;
            for (int i = 0; i < shape.length; i++) {
                if (i < inAxes) {
                    fanIn *= shape[i];
                } else {
                    rest *= shape[i];
                }
            }
            Init.varianceScalingNormal(1.0).fill(new int[] {fanIn, rest}, out, rng);
        };
    }

    /**
     * @param x        {@code [B, L, D]}
     * @param maskBias additive {@code [L, L]} bias (see {@link Masks#additiveBias}), or null for none
     * @return {@code [B, L, D]}
     */
    public static <T> T apply(Ops<T> ops, String name, T x, int numHeads, T maskBias) {
        int[] s = ops.shape(x);
        if (s.length != 3) {
            throw new IllegalArgumentException("attention input must be [B, L, D], got " + java.util.Arrays.toString(s));
        }
        int b = s[0], l = s[1], d = s[2];
        if (d % numHeads != 0) {
            throw new IllegalArgumentException("embed dim " + d + " not divisible by " + numHeads + " heads");
        }
        int hd = d / numHeads;
        T flat = ops.reshape(x, b * l, d);
        T q = heads(ops, project(ops, name + ".query", flat, d, numHeads, hd), b, l, numHeads, hd);
        T k = heads(ops, project(ops, name + ".key", flat, d, numHeads, hd), b, l, numHeads, hd);
        T v = heads(ops, project(ops, name + ".value", flat, d, numHeads, hd), b, l, numHeads, hd);

        q = ops.div(q, ops.scalar((float) Math.sqrt(hd)));
        T logits = ops.matmul(q, ops.transpose(k, 0, 1, 3, 2)); // [B, H, L, L]
        if (maskBias != null) {
            logits = ops.add(logits, maskBias);
        }
        T weights = ops.softmax(logits);
        T y = ops.matmul(weights, v); // [B, H, L, hd]
        y = ops.reshape(ops.transpose(y, 0, 2, 1, 3), b * l, d); // [B·L, H·hd]

        T outKernel = ops.param(name + ".out.kernel", kernelInit(2), numHeads, hd, d);
        T out = ops.matmul(y, ops.reshape(outKernel, d, d));
        out = ops.reshape(out, b, l, d);
        return AddBias.apply(ops, name + ".out_bias", out);
    }

    /** DenseGeneral to (heads, head_dim) on flattened rows: {@code [N, D] → [N, H·hd]}. */
    private static <T> T project(Ops<T> ops, String name, T flat, int d, int h, int hd) {
        T kernel = ops.param(name + ".kernel", kernelInit(1), d, h, hd);
        T bias = ops.param(name + ".bias", Init.zeros(), h, hd);
        return ops.add(ops.matmul(flat, ops.reshape(kernel, d, h * hd)), ops.reshape(bias, h * hd));
    }

    /** {@code [B·L, H·hd] → [B, H, L, hd]}. */
    private static <T> T heads(Ops<T> ops, T x, int b, int l, int h, int hd) {
        return ops.transpose(ops.reshape(x, b, l, h, hd), 0, 2, 1, 3);
    }
}
