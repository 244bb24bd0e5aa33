package org.tecoplatform.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * The output with every layer's attention keys and values (what a {@link KvCache} holds).
     *
     * @param output {@code [B, *shape, D']} from {@link #applyWithKv}, {@code [B, n, D']} from {@link #step}
     * @param keys   per layer {@code [B, H, tokens, hd]}
     * @param values per layer {@code [B, H, tokens, hd]}
     */
    public record Kv<T>(T output, List<T> keys, List<T> values) {
        public Kv {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    /**
     * @param x    {@code [B, *shape, C]}
     * @param cond {@code [B, *shape, C']} concatenated on channels, or null
     * @param mask {@code [L, L]} (true = may attend; see {@link Masks}), or null for none
     * @return {@code [B, *shape, outDim or embedDim]}
     */
    public static <T> T apply(Ops<T> ops, String name, Config cfg, T x, T cond, boolean[] mask) {
        return applyWithKv(ops, name, cfg, x, cond, mask).output();
    }

    /**
     * {@link #apply} (the same graph), also returning each layer's keys/values of all L tokens
     * {@code [B, H, L, hd]}: the prefill that fills a {@link KvCache} in one pass. Under the
     * frame-causal mask the keys/values of frames 0..k−1 do not depend on later frames, so a
     * caller with only k frames may pad the rest with anything and keep the first k·n slots.
     */
    public static <T> Kv<T> applyWithKv(Ops<T> ops, String name, Config cfg, T x, T cond, boolean[] mask) {
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
        int d = cfg.embedDim();
        x = ops.reshape(embed(ops, name, cfg, x, cond), b, l, d);

        T pos = positionTable(ops, name, cfg);
        if (pos != null) {
            x = ops.add(x, pos);
        }

        T maskBias = mask == null ? null : ops.constant(Masks.additiveBias(mask), l, l);
        List<T> keys = new ArrayList<>();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < cfg.numLayers(); i++) {
            MultiHeadAttention.Result<T> r = TransformerLayer.applyWithKv(ops, name + ".TransformerLayer_" + i, x,
                    cfg.numHeads(), cfg.mlpDim(), maskBias);
            x = r.output();
            keys.add(r.keys());
            values.add(r.values());
        }

        x = head(ops, name, cfg, x);
        int[] out = Arrays.copyOf(s, s.length);
        out[s.length - 1] = ops.shape(x)[2];
        return new Kv<>(ops.reshape(x, out), keys, values);
    }

    /**
     * One frame of a frame-by-frame pass under the frame-causal mask: the frame's n tokens attend
     * to the cached keys/values of earlier frames and to each other. Same parameters as
     * {@link #apply}; the output equals {@link #apply}'s rows for this frame (with
     * {@link Masks#frameCausal}) when the cache holds the earlier frames and {@code bias} masks
     * every other slot (see {@link KvCache#bias}). Shapes are static, so one graph serves every
     * frame: its cost is that of n queries against P + n keys, whatever the frame.
     *
     * @param x          {@code [B, n, C]} the frame's tokens, before fc in
     * @param cond       {@code [B, n, C']} or null
     * @param positions  {@code [n, D]} the frame's position rows ({@link #framePositions}); null
     *                   exactly when the config has no positions
     * @param pastKeys   per layer {@code [B, H, P, hd]}
     * @param pastValues per layer {@code [B, H, P, hd]}
     * @param bias       {@code [n, P + n]}, cache slots first, then the frame's own tokens
     * @return output {@code [B, n, D']} and per layer the frame's keys/values {@code [B, H, n, hd]}
     */
    public static <T> Kv<T> step(Ops<T> ops, String name, Config cfg, T x, T cond, T positions,
            List<T> pastKeys, List<T> pastValues, T bias) {
        int[] s = ops.shape(x);
        int n = tokensPerFrame(cfg);
        if (s.length != 3 || s[1] != n) {
            throw new IllegalArgumentException("step input must be [B, " + n + ", C], got " + Arrays.toString(s));
        }
        if (pastKeys.size() != cfg.numLayers() || pastValues.size() != cfg.numLayers()) {
            throw new IllegalArgumentException("need past keys/values for " + cfg.numLayers() + " layers");
        }
        if ((positions == null) != (cfg.positions() == PositionEmbedding.NONE)) {
            throw new IllegalArgumentException("position rows must be given exactly when the config has positions");
        }
        T h = embed(ops, name, cfg, x, cond);
        if (positions != null) {
            h = ops.add(h, positions);
        }
        List<T> keys = new ArrayList<>();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < cfg.numLayers(); i++) {
            MultiHeadAttention.Result<T> r = TransformerLayer.applyCached(ops, name + ".TransformerLayer_" + i, h,
                    cfg.numHeads(), cfg.mlpDim(), pastKeys.get(i), pastValues.get(i), bias);
            h = r.output();
            keys.add(r.keys());
            values.add(r.values());
        }
        return new Kv<>(head(ops, name, cfg, h), keys, values);
    }

    /**
     * The position rows {@code [n, D]} of frame {@code frame} (an index tensor {@code [1]} in
     * {@code [0, shape[0])}; out of range gives zero rows) for {@link #step}, or null when the config
     * has none: rows {@code frame·n .. frame·n + n − 1} of the table {@link #apply} adds, picked by
     * one-hot × table so they are exact and the graph stays static.
     */
    public static <T> T framePositions(Ops<T> ops, String name, Config cfg, T frame) {
        T table = positionTable(ops, name, cfg);
        return table == null ? null : PositionBiases.frameRows(ops, table, cfg.shape()[0], frame);
    }

    /** Tokens per frame: the product of the shape after its first (time) axis. */
    public static int tokensPerFrame(Config cfg) {
        return cfg.length() / cfg.shape()[0];
    }

    /** Optional cond concat and fc in: {@code [B, ..., C] → [B, ..., D]}. */
    private static <T> T embed(Ops<T> ops, String name, Config cfg, T x, T cond) {
        if (cond != null) {
            x = ops.concat(-1, List.of(x, cond));
        }
        if (cfg.useFcIn()) {
            x = Dense.apply(ops, name + ".Dense_0", x, cfg.embedDim(), true);
        } else if (ops.shape(x)[ops.shape(x).length - 1] != cfg.embedDim()) {
            throw new IllegalArgumentException("without fc in, input channels must equal embed dim " + cfg.embedDim());
        }
        return x;
    }

    /** The {@code [L, D]} position table {@link #apply} adds, or null. */
    private static <T> T positionTable(Ops<T> ops, String name, Config cfg) {
        int l = cfg.length();
        int d = cfg.embedDim();
        return switch (cfg.positions()) {
            case SINUSOIDAL -> PositionBiases.sinusoidal(ops, l, d);
            case BROADCAST -> PositionBiases.broadcast(ops, name + ".BroadcastPositionBiases_0", cfg.shape(), d);
            case ABSOLUTE -> PositionBiases.absolute(ops, name + ".AbsolutePositionBiases_0", l, d);
            case NONE -> null;
        };
    }

    /** Dense → GELU (tanh) → LayerNorm, then the optional output dense: {@code [B, L, D] → [B, L, D']}. */
    private static <T> T head(Ops<T> ops, String name, Config cfg, T x) {
        int d = cfg.embedDim();
        int dense = cfg.useFcIn() ? 1 : 0;
        x = Dense.apply(ops, name + ".Dense_" + dense++, x, d, true);
        x = Activations.geluTanh(ops, x);
        x = LayerNorm.apply(ops, name + ".LayerNorm_0", x);
        if (cfg.outDim() > 0) {
            x = Dense.apply(ops, name + ".Dense_" + dense, x, cfg.outDim(), false);
            x = AddBias.apply(ops, name + ".AddBias_0", x);
        }
        return x;
    }
}
