package org.tecoplatform.prior.autoregressive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.nn.CachedTransformerGraphs;
import org.tecoplatform.nn.KvCache;
import org.tecoplatform.nn.prior.CategoricalSampler;
import org.tecoplatform.nn.prior.GraphTensor;
import org.tecoplatform.nn.prior.PriorGraphs;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * Token-by-token sampling of a batch of frames against a key/value cache over the frame's L
 * positions (the kit's {@link KvCache}, one token per slot): position i runs the step graph once
 * (one query against i cached keys), samples code i of every item, and caches its keys/values. L
 * sequential steps per frame, each the cost of one token, where the uncached loop pays a full
 * L-token pass per step.
 */
final class CachedDecoding {

    private final AutoregressiveNetwork net;
    private final PriorGraphs graphs;

    CachedDecoding(AutoregressiveNetwork net, PriorGraphs graphs) {
        this.net = net;
        this.graphs = graphs;
    }

    /**
     * @param deter {@code [items, h, w, condDim]} row-major
     * @return {@code [items · L]} codes
     */
    int[] sample(float[] deter, int items, SplittableRandom rng) {
        PriorShape s = net.shape();
        int l = s.length();
        int k = s.codes();
        int c = s.condDim();
        if (deter.length != (long) items * l * c) {
            throw new IllegalArgumentException("deter holds " + deter.length + " values, expected " + (long) items * l * c);
        }
        AutoregressiveConfig cfg = net.config();
        int hd = cfg.embedDim() / cfg.numHeads();
        KvCache cache = new KvCache(cfg.numLayers(), items, cfg.numHeads(), hd, 1, l);
        CategoricalSampler sampler = net.sampler();
        int[] codes = new int[items * l];
        long[] previous = new long[items];
        java.util.Arrays.fill(previous, net.startToken());
        long[] kv = {items, cfg.numHeads(), l, hd};
        for (int p = 0; p < l; p++) {
            float[] cond = new float[items * c];
            for (int i = 0; i < items; i++) {
                System.arraycopy(deter, (i * l + p) * c, cond, i * c, c);
            }
            Map<String, GraphTensor> in = new LinkedHashMap<>();
            in.put(AutoregressiveNetwork.PREVIOUS, GraphTensor.longs(previous.clone(), items, 1));
            in.put(PriorNetwork.DETER, GraphTensor.floats(cond, items, 1, c));
            in.put(CachedTransformerGraphs.FRAME, GraphTensor.longs(new long[] {p}, 1));
            in.put(CachedTransformerGraphs.BIAS, GraphTensor.floats(cache.bias(), 1, l + 1));
            for (int layer = 0; layer < cfg.numLayers(); layer++) {
                in.put(CachedTransformerGraphs.pastKey(layer), GraphTensor.floats(cache.keys(layer), kv));
                in.put(CachedTransformerGraphs.pastValue(layer), GraphTensor.floats(cache.values(layer), kv));
            }
            Map<String, Object> out = graphs.run(AutoregressiveNetwork.STEP_GRAPH, in);
            float[] logits = (float[]) out.get(PriorNetwork.LOGITS);
            if (logits == null || logits.length != items * k) {
                throw new IllegalStateException("step graph gave " + (logits == null ? "no" : logits.length) + " logits, expected " + items * k);
            }
            for (int i = 0; i < items; i++) {
                int code = sampler.sample(logits, i * k, k, rng);
                codes[i * l + p] = code;
                previous[i] = code;
            }
            List<float[]> keys = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            for (int layer = 0; layer < cfg.numLayers(); layer++) {
                keys.add((float[]) out.get(CachedTransformerGraphs.key(layer)));
                values.add((float[]) out.get(CachedTransformerGraphs.value(layer)));
            }
            cache.write(p, keys, values);
        }
        return codes;
    }
}
