package org.tecoplatform.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * The two graphs of cached frame-by-frame generation with a frame-causal {@link Transformer},
 * with fixed input/output names so the sampler and the tests agree on them:
 *
 * <ul>
 *   <li>{@link #prefill}: inputs {@value #X} {@code [B, *shape, C]} (and {@value #COND}); outputs
 *       {@value #Y} {@code [B, *shape, D']} and per layer i {@code key_i}/{@code value_i}
 *       {@code [B, H, L, hd]} — fills a {@link KvCache} ({@link KvCache#load}).</li>
 *   <li>{@link #step}: inputs {@value #X} {@code [B, n, C]} (and {@value #COND} {@code [B, n, C']}),
 *       {@value #FRAME} {@code [1]} (index: the frame's place in the sequence, for its positions;
 *       absent without positions),
 *       {@value #BIAS} {@code [n, P + n]} ({@link KvCache#bias}), per layer
 *       {@code past_key_i}/{@code past_value_i} {@code [B, H, P, hd]} ({@link KvCache#keys});
 *       outputs {@value #Y} {@code [B, n, D']} and per layer {@code key_i}/{@code value_i}
 *       {@code [B, H, n, hd]} ({@link KvCache#write}).</li>
 * </ul>
 */
public final class CachedTransformerGraphs {

    public static final String X = "x";
    public static final String COND = "cond";
    public static final String FRAME = "frame";
    public static final String BIAS = "bias";
    public static final String Y = "y";

    private CachedTransformerGraphs() {
    }

    public static String pastKey(int layer) {
        return "past_key_" + layer;
    }

    public static String pastValue(int layer) {
        return "past_value_" + layer;
    }

    public static String key(int layer) {
        return "key_" + layer;
    }

    public static String value(int layer) {
        return "value_" + layer;
    }

    /**
     * The full pass under {@link Masks#frameCausal} over {@code cfg.shape() = (F, ...)}, with K/V outputs.
     *
     * @param condChannels 0 for no cond
     */
    public static <T> void prefill(Ops<T> ops, String name, Transformer.Config cfg, int batch, int inChannels,
            int condChannels) {
        int[] shape = cfg.shape();
        T x = ops.input(X, withBatchAndChannels(batch, shape, inChannels));
        T cond = condChannels == 0 ? null : ops.input(COND, withBatchAndChannels(batch, shape, condChannels));
        Transformer.Kv<T> r = Transformer.applyWithKv(ops, name, cfg, x, cond,
                Masks.frameCausal(shape[0], Transformer.tokensPerFrame(cfg)));
        outputs(ops, r);
    }

    /**
     * One frame against a cache of {@code capacityFrames} frames (P = capacityFrames·n).
     *
     * @param condChannels 0 for no cond
     */
    public static <T> void step(Ops<T> ops, String name, Transformer.Config cfg, int batch, int inChannels,
            int condChannels, int capacityFrames) {
        int n = Transformer.tokensPerFrame(cfg);
        int p = Math.multiplyExact(capacityFrames, n);
        int hd = cfg.embedDim() / cfg.numHeads();
        T x = ops.input(X, batch, n, inChannels);
        T cond = condChannels == 0 ? null : ops.input(COND, batch, n, condChannels);
        // No positions, no frame input: an unused input would only confuse callers.
        T positions = cfg.positions() == Transformer.PositionEmbedding.NONE ? null
                : Transformer.framePositions(ops, name, cfg, ops.indexInput(FRAME, 1));
        T bias = ops.input(BIAS, n, p + n);
        List<T> pastKeys = new ArrayList<>();
        List<T> pastValues = new ArrayList<>();
        for (int i = 0; i < cfg.numLayers(); i++) {
            pastKeys.add(ops.input(pastKey(i), batch, cfg.numHeads(), p, hd));
            pastValues.add(ops.input(pastValue(i), batch, cfg.numHeads(), p, hd));
        }
        outputs(ops, Transformer.step(ops, name, cfg, x, cond, positions, pastKeys, pastValues, bias));
    }

    private static <T> void outputs(Ops<T> ops, Transformer.Kv<T> r) {
        ops.output(Y, r.output());
        for (int i = 0; i < r.keys().size(); i++) {
            ops.output(key(i), r.keys().get(i));
            ops.output(value(i), r.values().get(i));
        }
    }

    private static int[] withBatchAndChannels(int batch, int[] grid, int channels) {
        int[] s = new int[grid.length + 2];
        s[0] = batch;
        System.arraycopy(grid, 0, s, 1, grid.length);
        s[s.length - 1] = channels;
        return s;
    }
}
