package org.tecoplatform.prior.autoregressive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tecoplatform.nn.CachedTransformerGraphs;
import org.tecoplatform.nn.KvCache;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.PriorChecks;
import org.tecoplatform.nn.prior.GraphTensor;
import org.tecoplatform.nn.prior.PriorGraphs;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;

/** Sampling on ONNX Runtime sessions of the exported graphs, with and without the key/value cache. */
class AutoregressiveSamplerTest {

    private static final PriorShape S = TinyAr.SHAPE;

    @Test
    void cachedStepLogitsEqualTheFullCausalPass() throws Exception {
        AutoregressiveNetwork net = TinyAr.network();
        ParamStore params = PriorChecks.parameters(net, 21);
        int items = 3;
        float[] deter = PriorChecks.randomCond(S, items, 22);
        try (PriorChecks.OnnxPriorGraphs graphs = PriorChecks.onnxGraphs(net, params)) {
            List<float[]> steps = new ArrayList<>();
            PriorGraphs recording = (graph, in) -> {
                Map<String, Object> out = graphs.run(graph, in);
                steps.add((float[]) out.get(PriorNetwork.LOGITS));
                return out;
            };
            int[] codes = net.sample(recording, deter, items, new SplittableRandom(23), true);
            assertThat(steps).hasSize(S.length());
            float[] full = (float[]) graphs.run(PriorNetwork.LOGITS_GRAPH, Map.of(PriorNetwork.TOKENS,
                    GraphTensor.ids(codes, items, S.height(), S.width()), PriorNetwork.DETER,
                    GraphTensor.floats(deter, items, S.height(), S.width(), S.condDim()))).get(PriorNetwork.LOGITS);
            double worst = 0;
            for (int p = 0; p < S.length(); p++) {
                for (int i = 0; i < items; i++) {
                    for (int k = 0; k < S.codes(); k++) {
                        worst = Math.max(worst, Math.abs(steps.get(p)[i * S.codes() + k] - full[(i * S.length() + p) * S.codes() + k]));
                    }
                }
            }
            assertThat(worst).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void sameSeedSameSamplesCachedAndUncached() throws Exception {
        AutoregressiveNetwork net = TinyAr.network("temperature", 1.5, "top_k", 4, "top_p", 0.95);
        ParamStore params = PriorChecks.parameters(net, 31);
        int items = 4;
        float[] deter = PriorChecks.randomCond(S, items, 32);
        try (PriorChecks.OnnxPriorGraphs graphs = PriorChecks.onnxGraphs(net, params)) {
            int[] cached = net.sample(graphs, deter, items, new SplittableRandom(33), true);
            int[] again = net.sample(graphs, deter, items, new SplittableRandom(33), true);
            int[] uncached = net.sample(graphs, deter, items, new SplittableRandom(33), false);
            int[] otherSeed = net.sample(graphs, deter, items, new SplittableRandom(34), true);
            assertThat(again).containsExactly(cached);
            assertThat(uncached).containsExactly(cached);
            assertThat(otherSeed).isNotEqualTo(cached);
            for (int c : cached) {
                assertThat(c).isBetween(0, S.codes() - 1);
            }
        }
    }

    @Test
    void stepGraphAgreesOnSameDiffAndOnnxRuntime() throws Exception {
        AutoregressiveNetwork net = TinyAr.network();
        ParamStore params = PriorChecks.parameters(net, 41);
        int b = 2;
        AutoregressiveConfig c = net.config();
        int hd = c.embedDim() / c.numHeads();
        Random rng = new Random(42);
        Map<String, Object> feeds = new LinkedHashMap<>();
        feeds.put(AutoregressiveNetwork.PREVIOUS, new Object[] {new int[] {1, 5}, new int[] {b, 1}});
        feeds.put(PriorNetwork.DETER, new Object[] {gaussian(rng, b * S.condDim()), new int[] {b, 1, S.condDim()}});
        feeds.put(CachedTransformerGraphs.FRAME, new Object[] {new int[] {3}, new int[] {1}});
        feeds.put(CachedTransformerGraphs.BIAS, new Object[] {KvCache.bias(1, S.length(), 3), new int[] {1, S.length() + 1}});
        for (int l = 0; l < c.numLayers(); l++) {
            for (String name : new String[] {CachedTransformerGraphs.pastKey(l), CachedTransformerGraphs.pastValue(l)}) {
                feeds.put(name, new Object[] {gaussian(rng, b * c.numHeads() * S.length() * hd), new int[] {b, c.numHeads(), S.length(), hd}});
            }
        }
        double diff = PriorChecks.parity(new PriorChecks.GraphBuilder() {
            @Override
            public <T> void build(Ops<T> ops) {
                net.extraGraph(ops, PriorNetwork.PARAMETER_PREFIX, AutoregressiveNetwork.STEP_GRAPH, b);
            }
        }, params, feeds);
        assertThat(diff).isLessThanOrEqualTo(1e-4);
    }

    private static float[] gaussian(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
