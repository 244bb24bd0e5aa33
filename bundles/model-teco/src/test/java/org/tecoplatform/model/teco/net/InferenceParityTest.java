package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;

/**
 * Every inference graph the sampler exports agrees between SameDiff (where the parameters are
 * trained) and ONNX Runtime (where they are sampled) to 1e-4, on random parameters.
 */
class InferenceParityTest {

    private static final double TOLERANCE = 1e-4;
    private static final int B = 2;

    private final TecoConfig cfg = Tiny.config();
    private final TecoModel model = Tiny.model(cfg);
    private final SplittableRandom rng = new SplittableRandom(42);

    private double parity(String what, Graphs.Graph g, List<TrainingFeed.Tensor> feeds) throws Exception {
        ParamStore params = Graphs.randomParams(g, 7, 0.2);
        Map<String, float[]> sd = Graphs.sameDiff(g, params, feeds);
        Map<String, float[]> ort = Graphs.onnx(g, params, feeds);
        double diff = Graphs.maxAbsDiff(sd, ort);
        System.out.printf("parity %-12s max |SameDiff - ORT| = %.3g over %s%n", what, diff, sd.keySet());
        return diff;
    }

    private float[] latents(int frames) {
        return Tiny.gaussian(rng, B * frames * cfg.zHeight() * cfg.zWidth() * cfg.embeddingDim());
    }

    @Test
    void observe() throws Exception {
        int frames = 3;
        Graphs.Graph g = new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                model.observe(ops, B, frames);
            }
        };
        int[] codes = Tiny.ints(rng, B * frames * 64, Tiny.VQ_CODES);
        assertThat(parity("observe", g, List.of(Graphs.ints(TecoModel.CODES, codes, B, frames, 8, 8))))
                .isLessThan(TOLERANCE);
    }

    @Test
    void temporal() throws Exception {
        Graphs.Graph g = new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                model.temporal(ops, B);
            }
        };
        int h = cfg.zHeight();
        int w = cfg.zWidth();
        int e = cfg.embeddingDim();
        List<TrainingFeed.Tensor> feeds = List.of(
                Graphs.floats(TecoModel.COND, latents(cfg.nCond()), B, cfg.nCond(), h, w, e),
                Graphs.floats(TecoModel.Z, latents(cfg.predictedFrames()), B, cfg.predictedFrames(), h, w, e),
                Graphs.ints(TecoModel.ACTIONS, Tiny.ints(rng, B * cfg.seqLen(), cfg.actionDim() + 1), B, cfg.seqLen()));
        assertThat(parity("temporal", g, feeds)).isLessThan(TOLERANCE);
    }

    @Test
    void lookup() throws Exception {
        int n = 3;
        Graphs.Graph g = new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                model.lookup(ops, n);
            }
        };
        int[] codes = Tiny.ints(rng, n * cfg.zHeight() * cfg.zWidth(), cfg.codes());
        assertThat(parity("lookup", g, List.of(Graphs.ints(TecoModel.Z_CODES, codes, n, cfg.zHeight(), cfg.zWidth()))))
                .isLessThan(TOLERANCE);
    }

    @Test
    void decoder() throws Exception {
        int n = 3;
        Graphs.Graph g = new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                model.decoder(ops, n);
            }
        };
        int h = cfg.zHeight();
        int w = cfg.zWidth();
        int e = cfg.embeddingDim();
        List<TrainingFeed.Tensor> feeds = List.of(
                Graphs.floats(TecoModel.DETER, Tiny.gaussian(rng, n * h * w * e), n, h, w, e),
                Graphs.floats(TecoModel.Z, Tiny.gaussian(rng, n * h * w * e), n, h, w, e));
        assertThat(parity("decoder", g, feeds)).isLessThan(TOLERANCE);
    }

    @Test
    void priorLogits() throws Exception {
        int n = 3;
        Graphs.Graph g = new Graphs.Graph() {
            public <T> void build(Ops<T> ops) {
                model.priorLogits(ops, n);
            }
        };
        int h = cfg.zHeight();
        int w = cfg.zWidth();
        int e = cfg.embeddingDim();
        List<TrainingFeed.Tensor> feeds = List.of(
                Graphs.ints(TecoModel.TOKENS, Tiny.ints(rng, n * h * w, cfg.codes() + 1), n, h, w),
                Graphs.floats(TecoModel.DETER, Tiny.gaussian(rng, n * h * w * e), n, h, w, e));
        assertThat(parity("priorLogits", g, feeds)).isLessThan(TOLERANCE);
    }
}
