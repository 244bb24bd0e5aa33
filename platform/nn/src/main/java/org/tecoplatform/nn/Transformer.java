package org.tecoplatform.nn;

import java.util.Arrays;

/**
 * TECO's {@code Transformer} stack, in the original's order: optional channel concat of
 * {@code cond}; {@code Dense_0} to embed_dim (use_fc_in); flatten to {@code [B, L, D]}; add the
 * position bias; {@code num_layers} × {@link TransformerLayer} under the mask; dense (embed_dim,
 * with bias) → GELU (tanh approximation) → {@link LayerNorm}; optionally dense to out_dim without
 * bias + AddBias; reshape back to {@code [B, *shape, D']}.
 *
 * <p>Parameter names follow Flax's automatic naming inside the module: {@code Dense_0} (fc in),
 * {@code BroadcastPositionBiases_0.d_i} / {@code AbsolutePositionBiases_0.abs_embedding},
 * {@code TransformerLayer_i}, then the final dense {@code Dense_1} ({@code Dense_0} without fc in),
 * {@code LayerNorm_0}, the output dense {@code Dense_2} (resp. {@code Dense_1}) and
 * {@code AddBias_0}.
 *
 * <p>Not carried over: the original's optional token embedding ({@code vocab_size}) and
 * {@code RightShift}, which no TECO model uses, and dropout (0 in every config).
 */
public final class Transformer {

    public enum PositionEmbedding {
        /** Fixed sin/cos table ({@code 'sinusoidal'}, the temporal transformer). */
        SINUSOIDAL,
        /** Per-axis learned chunks ({@code 'broadcast'}, MaskGit). */
        BROADCAST,
        /** One learned [L, D] table ({@code 'absolute'}, the original's default). */
        ABSOLUTE,
        NONE
    }

    /**
     * @param shape    the token grid (e.g. {@code (seq_len, h, w)}); positions and the mask are
     *                 built for prod(shape) tokens and the input must have exactly that grid
     * @param outDim   output dense width, or 0 for none
     */
    public record Config(int embedDim, int numHeads, int numLayers, int mlpDim, int[] shape,
            PositionEmbedding positions, int outDim, boolean useFcIn) {
        public Config {
            shape = shape.clone();
            if (embedDim <= 0 || numHeads <= 0 || numLayers < 0 || mlpDim <= 0 || outDim < 0) {
                throw new IllegalArgumentException("bad transformer sizes");
            }
            if (embedDim % numHeads != 0) {
                throw new IllegalArgumentException("embed dim " + embedDim + " not divisible by " + numHeads + " heads");
            }
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public int length() {
            int n = 1;
            for (int s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }
    }

    private Transformer() {
    }

    /**
     * @param x    {@code [B, *shape, C]}
     * @param cond {@code [B, *shape, C']} concatenated on channels, or null
     * @param mask {@code [L, L]} (true = may attend; see {@link Masks}), or null for none
     * @return {@code [B, *shape, outDim or embedDim]}
     */
    public static <T> T apply(Ops<T> ops, String name, Config cfg, T x, T cond, boolean[] mask) {
        int[] s = ops.shape(x);
        int[] grid = Arrays.copyOfRange(s, 1, s.length - 1);
        if (!Arrays.equals(grid, cfg.shape())) {
            throw new IllegalArgumentException("input grid " + Arrays.toString(grid) + " != configured shape "
                    + Arrays.toString(cfg.shape()));
        }
        int b = s[0];
        int l = cfg.length();
        if (mask != null && Masks.side(mask) != l) {
            throw new IllegalArgumentException("mask is for " + Masks.side(mask) + " tokens, sequence has " + l);
        }
        if (cond != null) {
            x = ops.concat(-1, java.util.List.of(x, cond));
        }
        int dense = 0;
        if (cfg.useFcIn()) {
            x = Dense.apply(ops, name + ".Dense_" + dense++, x, cfg.embedDim(), true);
        } else if (ops.shape(x)[ops.shape(x).length - 1] != cfg.embedDim()) {
            throw new IllegalArgumentException("without fc in, input channels must equal embed dim " + cfg.embedDim());
        }
        int d = cfg.embedDim();
        x = ops.reshape(x, b, l, d);

        T pos = switch (cfg.positions()) {
            case SINUSOIDAL -> PositionBiases.sinusoidal(ops, l, d);
            case BROADCAST -> PositionBiases.broadcast(ops, name + ".BroadcastPositionBiases_0", cfg.shape(), d);
            case ABSOLUTE -> PositionBiases.absolute(ops, name + ".AbsolutePositionBiases_0", l, d);
            case NONE -> null;
        };
        if (pos != null) {
            x = ops.add(x, pos);
        }

        T maskBias = mask == null ? null : ops.constant(Masks.additiveBias(mask), l, l);
        for (int i = 0; i < cfg.numLayers(); i++) {
            x = TransformerLayer.apply(ops, name + ".TransformerLayer_" + i, x, cfg.numHeads(), cfg.mlpDim(), maskBias);
        }

        x = Dense.apply(ops, name + ".Dense_" + dense++, x, d, true);
        x = Activations.geluTanh(ops, x);
        x = LayerNorm.apply(ops, name + ".LayerNorm_0", x);
        int outDim = d;
        if (cfg.outDim() > 0) {
            x = Dense.apply(ops, name + ".Dense_" + dense, x, cfg.outDim(), false);
            x = AddBias.apply(ops, name + ".AddBias_0", x);
            outDim = cfg.outDim();
        }
        int[] out = Arrays.copyOf(s, s.length);
        out[s.length - 1] = outDim;
        return ops.reshape(x, out);
    }
}
