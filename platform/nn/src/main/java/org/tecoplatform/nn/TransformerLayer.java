package org.tecoplatform.nn;

/**
 * TECO's pre-LayerNorm {@code TransformerLayer}: {@code x + MHA(LN(x))}, then
 * {@code y + MLP(LN(y))}, where the MLP ({@code MlpBlock}) is {@code wi} (dense with bias, mlp_dim)
 * → x·σ(1.702x) → {@code wo} (dense without bias) → {@code wo_bias}. MLP kernels are
 * variance_scaling(1.0, fan_in, truncated_normal) = lecun_normal. Names follow Flax's automatic
 * naming: {@code LayerNorm_0, MultiHeadAttention_0, LayerNorm_1, MlpBlock_0.{wi,wo,wo_bias}}.
 * Dropout is left out (0 in every TECO config; never applied at inference).
 */
public final class TransformerLayer {

    private TransformerLayer() {
    }

    /** {@code x}: {@code [B, L, D]}; {@code maskBias}: additive {@code [L, L]} or null. */
    public static <T> T apply(Ops<T> ops, String name, T x, int numHeads, int mlpDim, T maskBias) {
        return applyWithKv(ops, name, x, numHeads, mlpDim, maskBias).output();
    }

    /** {@link #apply}, also returning the attention's keys and values {@code [B, H, L, hd]}. */
    public static <T> MultiHeadAttention.Result<T> applyWithKv(Ops<T> ops, String name, T x, int numHeads,
            int mlpDim, T maskBias) {
        T h = LayerNorm.apply(ops, name + ".LayerNorm_0", x);
        MultiHeadAttention.Result<T> a = MultiHeadAttention.applyWithKv(ops, name + ".MultiHeadAttention_0", h, numHeads, maskBias);
        return new MultiHeadAttention.Result<>(mlp(ops, name, a.output(), x, mlpDim), a.keys(), a.values());
    }

    /**
     * The layer for new tokens {@code x [B, n, D]} against cached keys/values {@code [B, H, P, hd]}
     * under {@code bias [n, P + n]} (see {@link MultiHeadAttention#applyCached}): the attention is
     * the only part that mixes tokens, so the rest runs on the new tokens alone.
     */
    public static <T> MultiHeadAttention.Result<T> applyCached(Ops<T> ops, String name, T x, int numHeads,
            int mlpDim, T pastKeys, T pastValues, T bias) {
        T h = LayerNorm.apply(ops, name + ".LayerNorm_0", x);
        MultiHeadAttention.Result<T> a = MultiHeadAttention.applyCached(ops, name + ".MultiHeadAttention_0", h, numHeads,
                pastKeys, pastValues, bias);
        return new MultiHeadAttention.Result<>(mlp(ops, name, a.output(), x, mlpDim), a.keys(), a.values());
    }

    /** The residual around attention, then the MLP half with its residual. */
    private static <T> T mlp(Ops<T> ops, String name, T attended, T x, int mlpDim) {
        T y = ops.add(attended, x);

        int d = ops.shape(x)[2];
        T m = LayerNorm.apply(ops, name + ".LayerNorm_1", y);
        m = Dense.apply(ops, name + ".MlpBlock_0.wi", m, mlpDim, true);
        m = Activations.quickGelu(ops, m);
        m = Dense.apply(ops, name + ".MlpBlock_0.wo", m, d, false);
        m = AddBias.apply(ops, name + ".MlpBlock_0.wo_bias", m);
        return ops.add(m, y);
    }
}
