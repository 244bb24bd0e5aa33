package org.tecoplatform.prior.maskgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * The network at tiny sizes: its loss against hand and plain-Java values, SameDiff vs ONNX Runtime
 * parity of the inference graph, float64 gradients against central differences, and parameter
 * names, shapes and the DMLab count.
 */
class MaskGitNetworkTest {

    private static final String NAME = TinyMaskGit.NAME;
    private static final String MASK = MaskGitNetwork.MASK_INPUT;
    /** Grid 2×3, 5 codes, cond 3 channels. */
    private static final PriorShape SHAPE = new PriorShape(2, 3, 5, 3);

    private static Graphs.Net lossNet(MaskGitNetwork net, int n) {
        PriorShape s = net.shape();
        return new Graphs.Net() {
            public <T> void build(Ops<T> ops) {
                T codes = ops.indexInput("codes", n, s.height(), s.width());
                T cond = ops.input("cond", n, s.height(), s.width(), s.condDim());
                T mask = ops.input(MASK, n, s.length());
                ops.output("loss", net.trainingLoss(ops, NAME, codes, cond, Map.of(MASK, mask)));
            }
        };
    }

    private static Graphs.Net logitsNet(MaskGitNetwork net, int n) {
        PriorShape s = net.shape();
        return new Graphs.Net() {
            public <T> void build(Ops<T> ops) {
                T tokens = ops.indexInput("tokens", n, s.height(), s.width());
                T cond = ops.input("cond", n, s.height(), s.width(), s.condDim());
                ops.output("logits", net.logits(ops, NAME, tokens, cond));
            }
        };
    }

    /** Sets every parameter to a deterministic pattern of order one (the default init is tiny). */
    private static ParamStore patterned(MaskGitNetwork net, long seed) {
        ParamStore params = new ParamStore(seed);
        SplittableRandom rng = new SplittableRandom(seed);
        net.parameterShapes(NAME).forEach((name, shape) -> {
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            float[] v = TinyMaskGit.gaussian(rng, size);
            for (int i = 0; i < size; i++) {
                v[i] = name.endsWith(".scale") ? 1 + 0.2f * v[i] : 0.5f * v[i];
            }
            params.put(name, shape, v);
        });
        return params;
    }

    private static Map<String, Graphs.Feed> lossFeeds(int[] codes, float[] cond, float[] mask, PriorShape s, int n) {
        Map<String, Graphs.Feed> f = new LinkedHashMap<>();
        f.put("codes", Graphs.Feed.ids(codes, n, s.height(), s.width()));
        f.put("cond", Graphs.Feed.floats(cond, n, s.height(), s.width(), s.condDim()));
        f.put(MASK, Graphs.Feed.floats(mask, n, s.length()));
        return f;
    }

    @Test
    void lossOnAHandComputedCase() {
        // vocab_dim 1: the MLM LayerNorm of one feature outputs exactly its bias (x − mean = 0), so
        // logits = b·token_embed[:K]ᵀ + bias whatever the transformer computes.
        PriorShape s = new PriorShape(1, 2, 2, 1);
        MaskGitNetwork net = TinyMaskGit.network(s, TinyMaskGit.config(1, 2, 1, 1, 4, "T_draft", 2, "T_revise", 2));
        ParamStore params = new ParamStore(3);
        params.put(NAME + ".token_embed", new int[] {3, 1}, new float[] {1f, -1f, 0.25f});
        params.put(NAME + ".mlm.LayerNorm_0.bias", new int[] {1}, new float[] {0.5f});
        // logits (0.5, −0.5): CE of code 0 = log(1 + e^−1) = 0.313262, of code 1 = log(1 + e) = 1.313262.
        int[] codes = {0, 1, 1, 1};
        float[] mask = {1, 0, 1, 1};
        float[] cond = {0.3f, -0.7f, 1.1f, 0.2f};
        double expected = (0.3132616875182228 + 1.3132616875182228 + 1.3132616875182228) / 3 * 2;
        double loss = Graphs.runSameDiff(lossNet(net, 2), params, DataType.DOUBLE, lossFeeds(codes, cond, mask, s, 2)).get("loss")[0];
        assertThat(loss).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(1.959857, within(1e-6));
    }

    @Test
    void lossAndLogitsMatchPlainJava() {
        // Zero transformer layers: every other piece of the network against ReferenceMaskGit.
        MaskGitNetwork net = TinyMaskGit.network(SHAPE, TinyMaskGit.config(4, 6, 2, 0, 8));
        ParamStore params = patterned(net, 5);
        SplittableRandom rng = new SplittableRandom(1);
        int n = 3;
        int[] codes = TinyMaskGit.randomIds(rng, n * SHAPE.length(), SHAPE.codes());
        float[] cond = TinyMaskGit.gaussian(rng, n * SHAPE.length() * SHAPE.condDim());
        float[] mask = net.drawRandom(new SplittableRandom(2), n).get(MASK);
        ReferenceMaskGit ref = new ReferenceMaskGit(params, SHAPE, NAME);

        double expected = ref.loss(codes, cond, mask);
        double loss64 = Graphs.runSameDiff(lossNet(net, n), params, DataType.DOUBLE, lossFeeds(codes, cond, mask, SHAPE, n)).get("loss")[0];
        double loss32 = Graphs.runSameDiff(lossNet(net, n), params, DataType.FLOAT, lossFeeds(codes, cond, mask, SHAPE, n)).get("loss")[0];
        System.out.printf("loss: plain Java %.9f, SameDiff float64 %.9f, float32 %.9f%n", expected, loss64, loss32);
        assertThat(loss64).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        assertThat(loss32).isCloseTo(expected, within(1e-5 * Math.abs(expected)));

        int[] tokens = TinyMaskGit.randomIds(rng, n * SHAPE.length(), SHAPE.codes() + 1);
        Map<String, Graphs.Feed> feeds = Map.of("tokens", Graphs.Feed.ids(tokens, n, 2, 3), "cond", Graphs.Feed.floats(cond, n, 2, 3, 3));
        double[] logits = Graphs.runSameDiff(logitsNet(net, n), params, DataType.DOUBLE, feeds).get("logits");
        double[] want = ref.logits(tokens, cond);
        for (int i = 0; i < want.length; i++) {
            assertThat(logits[i]).as("logit " + i).isCloseTo(want[i], within(1e-9));
        }
    }

    @Test
    void logitsAgreeOnSameDiffAndOnnxRuntime() throws Exception {
        MaskGitNetwork net = TinyMaskGit.network(SHAPE, TinyMaskGit.config(4, 8, 2, 2, 16));
        SplittableRandom rng = new SplittableRandom(7);
        int n = 3;
        int[] tokens = TinyMaskGit.randomIds(rng, n * SHAPE.length(), SHAPE.codes() + 1);
        float[] cond = TinyMaskGit.gaussian(rng, n * SHAPE.length() * SHAPE.condDim());
        Map<String, Graphs.Feed> feeds = Map.of("tokens", Graphs.Feed.ids(tokens, n, 2, 3), "cond", Graphs.Feed.floats(cond, n, 2, 3, 3));
        for (String init : List.of("default init", "order-one params")) {
            ParamStore params = init.startsWith("default") ? new ParamStore(11) : patterned(net, 11);
            double[] sd = Graphs.runSameDiff(logitsNet(net, n), params, DataType.FLOAT, feeds).get("logits");
            double maxAbs = 0;
            for (double v : sd) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            // Static batch, and a dynamic-batch export built at batch 1 (as sampling runs it) fed 3 items.
            for (boolean dynamic : new boolean[] {false, true}) {
                Path model = Graphs.export(logitsNet(net, dynamic ? 1 : n), params, dynamic);
                try (OrtSession session = Graphs.session(model)) {
                    float[] ort = Graphs.runOnnx(session, feeds).get("logits");
                    assertThat(ort).hasSize(sd.length);
                    double diff = 0;
                    for (int i = 0; i < sd.length; i++) {
                        diff = Math.max(diff, Math.abs(sd[i] - ort[i]));
                    }
                    System.out.printf("logits parity (%s, %s batch): max|SameDiff - ORT| %.3e, max|logit| %.3f%n", init,
                            dynamic ? "dynamic" : "static", diff, maxAbs);
                    assertThat(diff).isLessThanOrEqualTo(1e-4);
                } finally {
                    Files.deleteIfExists(model);
                }
            }
        }
    }

    /** Gradients of the loss in float64, by name, with the graph kept for finite differences. */
    private record Gradients(SameDiff sd, Map<String, INDArray> placeholders, Map<String, INDArray> grads) {
        double loss() {
            return sd.output(placeholders, "loss").get("loss").getDouble(0);
        }
    }

    private static Gradients gradients(MaskGitNetwork net, ParamStore params, int n, long seed) {
        SameDiffOps ops = new SameDiffOps(params, DataType.DOUBLE, true);
        lossNet(net, n).build(ops);
        SameDiff sd = ops.sameDiff();
        sd.setLossVariables("loss");
        PriorShape s = net.shape();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] codes = TinyMaskGit.randomIds(rng, n * s.length(), s.codes());
        Map<String, Graphs.Feed> feeds = lossFeeds(codes, TinyMaskGit.gaussian(rng, n * s.length() * s.condDim()),
                net.drawRandom(rng, n).get(MASK), s, n);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("codes", Graphs.toNd(feeds.get("codes"), DataType.DOUBLE));
        // Float inputs are variables with trainableInputs: set their values.
        sd.getVariable("cond").setArray(Graphs.toNd(feeds.get("cond"), DataType.DOUBLE));
        sd.getVariable(MASK).setArray(Graphs.toNd(feeds.get(MASK), DataType.DOUBLE));
        List<String> wrt = new ArrayList<>(params.names());
        wrt.add("cond");
        return new Gradients(sd, ph, sd.calculateGradients(ph, wrt));
    }

    /** Analytic directional derivative Σ g·u against (L(θ + εu) − L(θ − εu)) / 2ε, u over {@code names}. */
    private static double directional(Gradients g, List<String> names, SplittableRandom rng) {
        double eps = 1e-5;
        Map<String, INDArray> dirs = new LinkedHashMap<>();
        double analytic = 0;
        long total = 0;
        for (String name : names) {
            total += g.sd().getVariable(name).getArr().length();
        }
        for (String name : names) {
            INDArray target = g.sd().getVariable(name).getArr();
            double[] u = new double[(int) target.length()];
            for (int i = 0; i < u.length; i++) {
                u[i] = (rng.nextBoolean() ? 1 : -1) / Math.sqrt(total);
            }
            INDArray ua = org.nd4j.linalg.factory.Nd4j.create(u, target.shape(), DataType.DOUBLE);
            dirs.put(name, ua);
            analytic += g.grads().get(name).mul(ua).sumNumber().doubleValue();
        }
        dirs.forEach((name, u) -> g.sd().getVariable(name).getArr().addi(u.mul(eps)));
        double up = g.loss();
        dirs.forEach((name, u) -> g.sd().getVariable(name).getArr().subi(u.mul(2 * eps)));
        double down = g.loss();
        dirs.forEach((name, u) -> g.sd().getVariable(name).getArr().addi(u.mul(eps)));
        double numeric = (up - down) / (2 * eps);
        return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
    }

    /**
     * Element by element on what this network adds to the kit's checked blocks (the token table
     * with its MASK blend and tied output, the MLM head, cond), and by random directions over every
     * array at once (each finite difference is a SameDiff forward pass, ~0.1 s here).
     */
    @Test
    void float64GradientsMatchCentralDifferences() {
        MaskGitNetwork net = TinyMaskGit.network(SHAPE, TinyMaskGit.config(4, 8, 2, 1, 16));
        ParamStore params = patterned(net, 13);
        Gradients g = gradients(net, params, 2, 17);
        SplittableRandom rng = new SplittableRandom(19);
        double eps = 1e-5;
        double worst = 0;
        String worstAt = "";
        for (String name : g.grads().keySet()) {
            if (!(name.equals(NAME + ".token_embed") || name.startsWith(NAME + ".mlm.") || name.equals("cond"))) {
                continue;
            }
            INDArray target = g.sd().getVariable(name).getArr();
            int samples = name.endsWith("token_embed") ? 4 : 1;
            for (int t = 0; t < samples; t++) {
                // The MASK row (last) of the table once: its gradient comes only through the blend.
                long i = t == 0 && samples > 1 ? target.length() - 1 : rng.nextInt((int) target.length());
                double orig = target.getDouble(i);
                target.putScalar(i, orig + eps);
                double up = g.loss();
                target.putScalar(i, orig - eps);
                double down = g.loss();
                target.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                double analytic = g.grads().get(name).getDouble(i);
                double rel = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
                if (rel > worst) {
                    worst = rel;
                    worstAt = name + "[" + i + "] analytic " + analytic + " numeric " + numeric;
                }
            }
        }
        List<String> all = new ArrayList<>(g.grads().keySet());
        double worstDirection = 0;
        for (int d = 0; d < 3; d++) {
            worstDirection = Math.max(worstDirection, directional(g, all, rng));
        }
        System.out.printf("gradient check: worst element relative error %.3e at %s; worst of 3 directions over all %d arrays %.3e%n",
                worst, worstAt, all.size(), worstDirection);
        assertThat(worst).as(worstAt).isLessThanOrEqualTo(1e-5);
        assertThat(worstDirection).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void everyParameterGetsAGradient() {
        MaskGitNetwork net = TinyMaskGit.network(SHAPE, TinyMaskGit.config(4, 8, 2, 2, 16));
        ParamStore params = new ParamStore(23);
        Gradients g = gradients(net, params, 3, 29);
        assertThat(params.names()).hasSize(net.parameterShapes(NAME).size());
        for (String name : params.names()) {
            INDArray grad = g.grads().get(name);
            assertThat(grad).as(name).isNotNull();
            assertThat(grad.amaxNumber().doubleValue()).as("max |gradient| of " + name).isGreaterThan(0);
        }
    }

    @Test
    void parameterNamesAndShapesAsBuilt() {
        MaskGitNetwork net = TinyMaskGit.network(SHAPE, TinyMaskGit.config(4, 8, 2, 2, 16));
        ParamStore params = new ParamStore(1);
        Graphs.runSameDiff(logitsNet(net, 1), params, DataType.FLOAT,
                Map.of("tokens", Graphs.Feed.ids(new int[6], 1, 2, 3), "cond", Graphs.Feed.floats(new float[18], 1, 2, 3, 3)));
        Map<String, int[]> expected = net.parameterShapes(NAME);
        assertThat(params.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(params.shape(name)).as(name).containsExactly(shape));
        assertThat(params.size()).isEqualTo(net.parameterCount());
        assertThat(params.shape(NAME + ".token_embed")).containsExactly(6, 4);
        assertThat(params.shape(NAME + ".mlm.AddBias_0.bias")).containsExactly(5);
    }

    @Test
    void dmlabConfigurationHas26Point05MillionParameters() {
        // DMLab: 8×8 latents, 1024 codes, deter of embedding_dim 64; z_git vocab 256, tfm 512/2048/8 heads/8 layers.
        MaskGitNetwork net = TinyMaskGit.network(new PriorShape(8, 8, 1024, 64),
                TinyMaskGit.config(256, 512, 8, 8, 2048, "T_draft", 8, "T_revise", 8, "M", 2));
        long count = net.parameterCount();
        System.out.printf("DMLab MaskGit parameters: %d (%.2f M)%n", count, count / 1e6);
        assertThat(count).isEqualTo(26_046_464L);
        assertThat(Math.round(count / 1e4) / 100.0).isEqualTo(26.05);
    }
}
