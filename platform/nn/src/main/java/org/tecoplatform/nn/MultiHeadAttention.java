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
     * The attended output with the keys and values it attended to, per head: what a key/value
     * cache stores (see {@link KvCache}).
     *
     * @param output {@code [B, L, D]}
     * @param keys   {@code [B, H, L, hd]} (not divided by √hd; the query is)
     * @param values {@code [B, H, L, hd]}
     */
    public record Result<T>(T output, T keys, T values) {
    }

    /**
     * @param x        {@code [B, L, D]}
     * @param maskBias additive {@code [L, L]} bias (see {@link Masks#additiveBias}), or null for none
     * @return {@code [B, L, D]}
     */
    public static <T> T apply(Ops<T> ops, String name, T x, int numHeads, T maskBias) {
        return applyWithKv(ops, name, x, numHeads, maskBias).output();
    }

    /** {@link #apply}, also returning every token's keys and values {@code [B, H, L, hd]} (to fill a cache). */
    public static <T> Result<T> applyWithKv(Ops<T> ops, String name, T x, int numHeads, T maskBias) {
        Qkv<T> p = projectQkv(ops, name, x, numHeads);
        return new Result<>(attend(ops, name, p.q, p.k, p.v, maskBias, p.b, p.l, p.d), p.k, p.v);
    }

    /**
     * The cached form, for generating frame by frame: the new tokens' queries attend to the cached
     * keys/values followed by their own. The cache has a fixed capacity P so the graph's shapes
     * stay static whatever the frame; {@code bias} masks the slots not (yet) filled. Same
     * parameters and names as {@link #apply}.
     *
     * <p>Masked slots get exactly zero weight, so their content does not matter as long as it is
     * finite and |q·k| stays far below 1e10 (a zero-filled or stale cache is fine; NaN/Inf is not).
     *
     * @param xNew      {@code [B, n, D]} the new tokens
     * @param pastKeys  {@code [B, H, P, hd]} cached keys (as {@link Result#keys})
     * @param pastValues {@code [B, H, P, hd]} cached values
     * @param bias      additive {@code [n, P + n]}: columns {@code [0, P)} are the cache slots,
     *                  {@code [P, P + n)} the new tokens; 0 = may attend, {@link Masks#MASKED} = not
     * @return output {@code [B, n, D]} and the new tokens' keys/values {@code [B, H, n, hd]}
     */
    public static <T> Result<T> applyCached(Ops<T> ops, String name, T xNew, int numHeads,
            T pastKeys, T pastValues, T bias) {
        java.util.Objects.requireNonNull(bias, "bias (cache slots must be masked explicitly)");
        Qkv<T> p = projectQkv(ops, name, xNew, numHeads);
        int[] ks = ops.shape(pastKeys);
        int[] want = {p.b, numHeads, ks.length == 4 ? ks[2] : -1, p.d / numHeads};
        if (!java.util.Arrays.equals(ks, want) || !java.util.Arrays.equals(ops.shape(pastValues), want)) {
            throw new IllegalArgumentException("past keys/values must be [B, H, P, hd] = " + java.util.Arrays.toString(want)
                    + ", got " + java.util.Arrays.toString(ks) + " / " + java.util.Arrays.toString(ops.shape(pastValues)));
        }
        int[] bs = ops.shape(bias);
        if (!java.util.Arrays.equals(bs, new int[] {p.l, ks[2] + p.l})) {
            throw new IllegalArgumentException("bias must be [n, P + n] = [" + p.l + ", " + (ks[2] + p.l) + "], got "
                    + java.util.Arrays.toString(bs));
        }
        T keys = ops.concat(2, java.util.List.of(pastKeys, p.k)); // [B, H, P + n, hd]
        T values = ops.concat(2, java.util.List.of(pastValues, p.v));
        return new Result<>(attend(ops, name, p.q, keys, values, bias, p.b, p.l, p.d), p.k, p.v);
    }

    /** Per-head queries, keys and values {@code [B, H, L, hd]} of {@code x [B, L, D]}. */
    private record Qkv<T>(T q, T k, T v, int b, int l, int d) {
    }

    private static <T> Qkv<T> projectQkv(Ops<T> ops, String name, T x, int numHeads) {
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
        return new Qkv<>(q, k, v, b, l, d);
    }

    /** Queries {@code [B, H, Lq, hd]} against keys/values {@code [B, H, Lk, hd]}, then the output projection. */
    private static <T> T attend(Ops<T> ops, String name, T q, T k, T v, T maskBias, int b, int l, int d) {
        int numHeads = ops.shape(q)[1];
        int hd = d / numHeads;
        q = ops.div(q, ops.scalar((float) Math.sqrt(hd)));
        T logits = ops.matmul(q, ops.transpose(k, 0, 1, 3, 2)); // [B, H, Lq, Lk]
        if (maskBias != null) {
            logits = ops.add(logits, maskBias);
        }
        T weights = ops.softmax(logits);
        T y = ops.matmul(weights, v); // [B, H, Lq, hd]
        y = ops.reshape(ops.transpose(y, 0, 2, 1, 3), b * l, d); // [B·Lq, H·hd]

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
