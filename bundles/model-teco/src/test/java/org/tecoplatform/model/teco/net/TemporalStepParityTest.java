package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.model.teco.export.TemporalStepGraph;
import org.tecoplatform.nn.CachedTransformerGraphs;
import org.tecoplatform.nn.KvCache;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;

/**
 * The exported key/value-cached temporal step: SameDiff and ONNX Runtime agree on it, and stepping
 * through a window position by position (sos, then each frame with its action) gives the deter of
 * the whole temporal transformer at every position.
 */
class TemporalStepParityTest {

    private static final int B = 2;
    private final TecoConfig cfg = Tiny.builder().seqLen(5).build();
    private final TecoModel model = Tiny.model(cfg);
    private final SplittableRandom rng = new SplittableRandom(11);

    private final Graphs.Graph step = new Graphs.Graph() {
        public <T> void build(Ops<T> ops) {
            TemporalStepGraph.build(ops, cfg, B);
        }
    };
    private final Graphs.Graph temporal = new Graphs.Graph() {
        public <T> void build(Ops<T> ops) {
            model.temporal(ops, B);
        }
    };

    @Test
    void steppingWithTheCacheGivesTheWholeTransformersDeterOnBothBackEnds() throws Exception {
        ParamStore params = Graphs.randomParams(temporal, 3, 0.2);
        int s = cfg.seqLen();
        int nc = cfg.nCond();
        int zSize = cfg.zHeight() * cfg.zWidth() * cfg.embeddingDim();
        float[] cond = Tiny.gaussian(rng, B * nc * zSize);
        float[] z = Tiny.gaussian(rng, B * (s - nc) * zSize);
        int[] actions = Tiny.ints(rng, B * s, cfg.actionDim() + 1);
        int[] shapeZ = {B, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim()};
        List<TrainingFeed.Tensor> full = List.of(
                Graphs.floats(TecoModel.COND, cond, B, nc, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim()),
                Graphs.floats(TecoModel.Z, z, B, s - nc, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim()),
                Graphs.ints(TecoModel.ACTIONS, actions, B, s));
        float[] expected = Graphs.onnx(temporal, params, full).get(TecoModel.DETER);

        KvCache cache = new KvCache(cfg.tfmLayers(), B, cfg.tfmHeads(), cfg.tfmEmbedDim() / cfg.tfmHeads(), cfg.tokensPerFrame(), s);
        double worstBackEnds = 0;
        double worstVsFull = 0;
        for (int pos = 0; pos < s; pos++) {
            float[] prev = new float[B * zSize];
            int[] act = new int[B];
            for (int v = 0; v < B; v++) {
                if (pos >= 1) {
                    int f = pos - 1;
                    float[] src = f < nc ? cond : z;
                    int row = f < nc ? v * nc + f : v * (s - nc) + f - nc;
                    System.arraycopy(src, row * zSize, prev, v * zSize, zSize);
                }
                act[v] = actions[v * s + pos];
            }
            List<TrainingFeed.Tensor> feeds = new ArrayList<>();
            feeds.add(Graphs.floats(TemporalStepGraph.Z, prev, shapeZ));
            feeds.add(Graphs.ints(TemporalStepGraph.ACTION, act, B));
            feeds.add(Graphs.floats(TemporalStepGraph.IS_SOS, new float[] {pos == 0 ? 1 : 0}, 1));
            feeds.add(Graphs.ints(CachedTransformerGraphs.FRAME, new int[] {pos}, 1));
            int n = cache.tokensPerFrame();
            feeds.add(Graphs.floats(CachedTransformerGraphs.BIAS, cache.bias(), n, cache.capacity() + n));
            int[] kv = {B, cfg.tfmHeads(), cache.capacity(), cfg.tfmEmbedDim() / cfg.tfmHeads()};
            for (int l = 0; l < cfg.tfmLayers(); l++) {
                feeds.add(Graphs.floats(CachedTransformerGraphs.pastKey(l), cache.keys(l).clone(), kv));
                feeds.add(Graphs.floats(CachedTransformerGraphs.pastValue(l), cache.values(l).clone(), kv));
            }
            Map<String, float[]> ort = Graphs.onnx(step, params, feeds);
            Map<String, float[]> sd = Graphs.sameDiff(step, params, feeds);
            worstBackEnds = Math.max(worstBackEnds, Graphs.maxAbsDiff(sd, ort));
            List<float[]> keys = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            for (int l = 0; l < cfg.tfmLayers(); l++) {
                keys.add(ort.get(CachedTransformerGraphs.key(l)));
                values.add(ort.get(CachedTransformerGraphs.value(l)));
            }
            cache.write(pos, keys, values);
            if (pos >= nc) {
                float[] deter = ort.get(TemporalStepGraph.DETER);
                for (int v = 0; v < B; v++) {
                    for (int i = 0; i < zSize; i++) {
                        worstVsFull = Math.max(worstVsFull,
                                Math.abs(deter[v * zSize + i] - expected[(v * (s - nc) + pos - nc) * zSize + i]));
                    }
                }
            }
        }
        System.out.printf("temporal step: |SameDiff - ORT| = %.3g, |cached - whole transformer| = %.3g%n", worstBackEnds, worstVsFull);
        assertThat(worstBackEnds).isLessThan(1e-4);
        assertThat(worstVsFull).isLessThan(1e-4);
    }
}
