package org.tecoplatform.model.teco.export;

import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.net.TemporalTransformer;
import org.tecoplatform.nn.CachedTransformerGraphs;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.Transformer;

/**
 * One position of TECO's temporal transformer against a key/value cache of seq_len positions
 * (the kit's {@link Transformer#step}), with TECO's input and output ends around it.
 *
 * <p>Inputs: {@value #Z} {@code [B, h, w, E]} (the latent of frame p − 1: cond or z),
 * {@value #ACTION} index {@code [B]} (action p), {@value #IS_SOS} {@code [1]} (1 at position 0,
 * whose tokens are the learned sos frame), {@code frame} index {@code [1]} (= p, for the
 * positions), {@code bias} {@code [n, P + n]} and per layer {@code past_key_i}/{@code past_value_i}
 * {@code [B, H, P, hd]} with P = seq_len·n. Outputs: {@value #DETER} {@code [B, h, w, E]}
 * (meaningful for p ≥ n_cond) and per layer {@code key_i}/{@code value_i} {@code [B, H, n, hd]}.
 */
public final class TemporalStepGraph {

    public static final String Z = "z";
    public static final String ACTION = "action";
    public static final String IS_SOS = "is_sos";
    public static final String DETER = "deter";

    private TemporalStepGraph() {
    }

    public static <T> void build(Ops<T> ops, TecoConfig cfg, int batch) {
        Transformer.Config tc = TemporalTransformer.transformerConfig(cfg);
        int n = cfg.tokensPerFrame();
        int p = Math.multiplyExact(cfg.seqLen(), n);
        int hd = cfg.tfmEmbedDim() / cfg.tfmHeads();
        T z = ops.input(Z, batch, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim());
        T action = ops.indexInput(ACTION, batch);
        T isSos = ops.input(IS_SOS, 1);
        T frameTokens = TemporalTransformer.frameTokens(ops, cfg, z, action);
        T sosTokens = TemporalTransformer.sosTokens(ops, cfg, batch);
        // A blend rather than a branch keeps one static graph for every position.
        T x = ops.add(ops.mul(isSos, sosTokens), ops.mul(ops.sub(ops.scalar(1f), isSos), frameTokens));
        T positions = Transformer.framePositions(ops, TemporalTransformer.Z_TFM, tc, ops.indexInput(CachedTransformerGraphs.FRAME, 1));
        T bias = ops.input(CachedTransformerGraphs.BIAS, n, p + n);
        List<T> keys = new ArrayList<>();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < cfg.tfmLayers(); i++) {
            keys.add(ops.input(CachedTransformerGraphs.pastKey(i), batch, cfg.tfmHeads(), p, hd));
            values.add(ops.input(CachedTransformerGraphs.pastValue(i), batch, cfg.tfmHeads(), p, hd));
        }
        Transformer.Kv<T> r = Transformer.step(ops, TemporalTransformer.Z_TFM, tc, x, null, positions, keys, values, bias);
        ops.output(DETER, TemporalTransformer.toDeter(ops, cfg, r.output()));
        for (int i = 0; i < cfg.tfmLayers(); i++) {
            ops.output(CachedTransformerGraphs.key(i), r.keys().get(i));
            ops.output(CachedTransformerGraphs.value(i), r.values().get(i));
        }
    }
}
