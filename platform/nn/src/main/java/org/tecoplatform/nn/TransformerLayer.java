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
        T h = LayerNorm.apply(ops, name + ".LayerNorm_0", x);
        h = MultiHeadAttention.apply(ops, name + ".MultiHeadAttention_0", h, numHeads, maskBias);
        T y = ops.add(h, x);

        int d = ops.shape(x)[2];
        T m = LayerNorm.apply(ops, name + ".LayerNorm_1", y);
        m = Dense.apply(ops, name + ".MlpBlock_0.wi", m, mlpDim, true);
        m = Activations.quickGelu(ops, m);
        m = Dense.apply(ops, name + ".MlpBlock_0.wo", m, d, false);
        m = AddBias.apply(ops, name + ".MlpBlock_0.wo_bias", m);
        return ops.add(m, y);
    }
}
