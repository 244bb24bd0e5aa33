package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Cached frame-by-frame generation equals the full frame-causal pass: {@link Transformer#step}
 * with a {@link KvCache} carried between calls of one built graph (exactly how the sampler runs
 * it), against {@link Transformer#apply} under {@link Masks#frameCausal}, on SameDiff and in ONNX
 * Runtime. Tiny sizes: B = 2, F = 5 frames of 2×2 tokens, D = 16, 2 heads, 2 layers.
 */
class TransformerKvCacheTest {

    private static final int B = 2;
    private static final int C = 6;
    /** Step vs full pass on one back end: float32 sums in another order. */
    private static final double EXACT = 1e-5;
    private static final double PARITY = 1e-4;

    /** A configuration under test, with its cond width (0 = none). */
    record Case(String label, Transformer.Config cfg, int condChannels) {
        int frames() {
            return cfg.shape()[0];
        }

        int n() {
            return Transformer.tokensPerFrame(cfg);
        }

        int outDim() {
            return cfg.outDim() > 0 ? cfg.outDim() : cfg.embedDim();
        }
    }

    static final Case SINUSOIDAL = new Case("sinusoidal, no out dense", new Transformer.Config(16, 2, 2, 32,
            new int[] {5, 2, 2}, Transformer.PositionEmbedding.SINUSOIDAL, 0, true), 0);
    static final Case SINUSOIDAL_OUT = new Case("sinusoidal, out dense 7", new Transformer.Config(16, 2, 2, 32,
            new int[] {5, 2, 2}, Transformer.PositionEmbedding.SINUSOIDAL, 7, true), 0);
    /** Learned positions and cond: the step graph is not tied to the temporal transformer's settings. */
    static final Case BROADCAST_COND = new Case("broadcast positions, cond, out dense 5", new Transformer.Config(16, 2, 2,
            32, new int[] {3, 2, 2}, Transformer.PositionEmbedding.BROADCAST, 5, true), 3);

    /** Everything one back end computed for one case; cached because graph builds dominate the run time. */
    record Trace(float[] fullY, Map<String, float[]> prefill, List<Map<String, float[]>> steps, KvCache cache,
            double stepVsFull, double prefillYVsApply) {
    }

    private static final Map<String, Trace> TRACES = new ConcurrentHashMap<>();

    private static Trace trace(GraphRunner.Kind kind, Case c) throws Exception {
        String key = kind + "/" + c.label();
        Trace t = TRACES.get(key);
        if (t == null) {
            t = computeTrace(kind, c);
            TRACES.put(key, t);
        }
        return t;
    }

    // ---- parameters and inputs -------------------------------------------------------------

    /** Random parameters: initialised, then every array (biases, LN scales too) perturbed. */
    static ParamStore params(Case c) {
        ParamStore p = new ParamStore(31);
        SameDiffOps ops = new SameDiffOps(p, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        CachedTransformerGraphs.prefill(ops, "tfm", c.cfg(), B, C, c.condChannels());
        Random rng = new Random(32);
        for (String name : new ArrayList<>(p.names())) {
            float[] a = p.get(name).clone();
            for (int i = 0; i < a.length; i++) {
                a[i] += (float) (0.1 * rng.nextGaussian());
            }
            p.put(name, p.shape(name), a);
        }
        return p;
    }

    private static final Map<String, ParamStore> PARAMS = new ConcurrentHashMap<>();

    private static ParamStore paramsFor(Case c) {
        return PARAMS.computeIfAbsent(c.label(), k -> params(c));
    }

    static float[] gaussian(long seed, int count) {
        Random rng = new Random(seed);
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    static float[] input(Case c) {
        return gaussian(41, B * c.cfg().length() * C);
    }

    static float[] cond(Case c) {
        return gaussian(42, B * c.cfg().length() * Math.max(c.condChannels(), 1));
    }

    /** Frame f's rows {@code [B, n, ch]} of a row-major {@code [B, F·n, ch]} array. */
    static float[] frame(float[] all, int frames, int n, int ch, int f) {
        float[] out = new float[B * n * ch];
        for (int b = 0; b < B; b++) {
            System.arraycopy(all, ((b * frames + f) * n) * ch, out, b * n * ch, n * ch);
        }
        return out;
    }

    private static int[] gridShape(Case c, int ch) {
        int[] g = c.cfg().shape();
        int[] s = new int[g.length + 2];
        s[0] = B;
        System.arraycopy(g, 0, s, 1, g.length);
        s[s.length - 1] = ch;
        return s;
    }

    // ---- the graphs --------------------------------------------------------------------------

    static Backends.Net applyNet(Case c) {
        return new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                T x = ops.input("x", gridShape(c, C));
                T cond = c.condChannels() == 0 ? null : ops.input("cond", gridShape(c, c.condChannels()));
                ops.output("y", Transformer.apply(ops, "tfm", c.cfg(), x, cond,
                        Masks.frameCausal(c.frames(), c.n())));
            }
        };
    }

    static Backends.Net prefillNet(Case c) {
        return new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                CachedTransformerGraphs.prefill(ops, "tfm", c.cfg(), B, C, c.condChannels());
            }
        };
    }

    /** The step graph against a cache of all F frames. */
    static Backends.Net stepNet(Case c) {
        return new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                CachedTransformerGraphs.step(ops, "tfm", c.cfg(), B, C, c.condChannels(), c.frames());
            }
        };
    }

    // ---- the sampler's loop ----------------------------------------------------------------

    /** Runs the step graph for frame f against {@code cache} and writes the frame's K/V into slot f (the sampler's loop body). */
    static Map<String, float[]> step(GraphRunner step, Case c, KvCache cache, int f) throws Exception {
        Map<String, float[]> out = step.run(stepFeeds(c, cache, f));
        cache.write(f, layerOutputs(out, cache.layers(), true), layerOutputs(out, cache.layers(), false));
        return out;
    }

    /** The step graph's feeds for frame f: its tokens, its index, and the cache as it stands. */
    static Map<String, Backends.Feed> stepFeeds(Case c, KvCache cache, int f) {
        int n = c.n();
        int[] kvShape = cache.shape();
        Map<String, Backends.Feed> feeds = new HashMap<>();
        feeds.put(CachedTransformerGraphs.X, new Backends.Feed(new int[] {B, n, C}, frame(input(c), c.frames(), n, C, f), null));
        if (c.condChannels() > 0) {
            feeds.put(CachedTransformerGraphs.COND, new Backends.Feed(new int[] {B, n, c.condChannels()},
                    frame(cond(c), c.frames(), n, c.condChannels(), f), null));
        }
        feeds.put(CachedTransformerGraphs.FRAME, Backends.Feed.ids(new int[] {f}, 1));
        feeds.put(CachedTransformerGraphs.BIAS, new Backends.Feed(new int[] {n, cache.capacity() + n}, cache.bias(), null));
        for (int l = 0; l < cache.layers(); l++) {
            feeds.put(CachedTransformerGraphs.pastKey(l), new Backends.Feed(kvShape, cache.keys(l), null));
            feeds.put(CachedTransformerGraphs.pastValue(l), new Backends.Feed(kvShape, cache.values(l), null));
        }
        return feeds;
    }

    static List<float[]> layerOutputs(Map<String, float[]> out, int layers, boolean keys) {
        List<float[]> r = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            r.add(out.get(keys ? CachedTransformerGraphs.key(l) : CachedTransformerGraphs.value(l)));
        }
        return r;
    }

    private static Map<String, Backends.Feed> fullFeeds(Case c) {
        Map<String, Backends.Feed> feeds = new LinkedHashMap<>();
        feeds.put("x", new Backends.Feed(gridShape(c, C), input(c), null));
        if (c.condChannels() > 0) {
            feeds.put("cond", new Backends.Feed(gridShape(c, c.condChannels()), cond(c), null));
        }
        return feeds;
    }

    private static Trace computeTrace(GraphRunner.Kind kind, Case c) throws Exception {
        ParamStore params = paramsFor(c);
        float[] fullY;
        try (GraphRunner apply = GraphRunner.open(kind, applyNet(c), params)) {
            fullY = apply.run(fullFeeds(c)).get("y");
        }
        Map<String, float[]> prefill;
        try (GraphRunner pre = GraphRunner.open(kind, prefillNet(c), params)) {
            prefill = pre.run(fullFeeds(c));
        }
        KvCache cache = KvCache.forConfig(c.cfg(), B, c.frames());
        List<Map<String, float[]>> steps = new ArrayList<>();
        double worst = 0;
        try (GraphRunner step = GraphRunner.open(kind, stepNet(c), params)) {
            for (int f = 0; f < c.frames(); f++) {
                Map<String, float[]> out = step(step, c, cache, f);
                steps.add(out);
                worst = Math.max(worst, maxAbsDiff(out.get(CachedTransformerGraphs.Y),
                        frame(fullY, c.frames(), c.n(), c.outDim(), f)));
            }
        }
        double prefillY = maxAbsDiff(prefill.get(CachedTransformerGraphs.Y), fullY);
        System.out.printf("%s %s: step vs full %.3g, prefill y vs apply %.3g%n", kind, c.label(), worst, prefillY);
        return new Trace(fullY, prefill, steps, cache, worst, prefillY);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.isFinite(a[i]) && Float.isFinite(b[i])).as("finite at " + i).isTrue();
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    // ---- (a) step with cache = full pass, frame by frame ---------------------------------------

    @Test
    void stepEqualsFullPassOnSameDiff() throws Exception {
        for (Case c : List.of(SINUSOIDAL, SINUSOIDAL_OUT, BROADCAST_COND)) {
            Trace t = trace(GraphRunner.Kind.SAMEDIFF, c);
            assertThat(t.stepVsFull()).as(c.label()).isLessThanOrEqualTo(EXACT);
            assertThat(t.prefillYVsApply()).as(c.label() + ": prefill is apply's graph").isEqualTo(0.0);
        }
    }

    @Test
    void stepEqualsFullPassInOnnxRuntime() throws Exception {
        for (Case c : List.of(SINUSOIDAL, SINUSOIDAL_OUT, BROADCAST_COND)) {
            Trace t = trace(GraphRunner.Kind.ONNX, c);
            assertThat(t.stepVsFull()).as(c.label()).isLessThanOrEqualTo(EXACT);
            assertThat(t.prefillYVsApply()).as(c.label() + ": prefill is apply's graph").isEqualTo(0.0);
        }
    }

    // ---- (b) prefill K/V = step-built K/V; a prefilled cache continues the same ---------------

    @Test
    void prefillKeysAndValuesEqualStepBuiltOnes() throws Exception {
        for (GraphRunner.Kind kind : GraphRunner.Kind.values()) {
            for (Case c : List.of(SINUSOIDAL, SINUSOIDAL_OUT)) {
                Trace t = trace(kind, c);
                double worst = 0;
                for (int l = 0; l < c.cfg().numLayers(); l++) {
                    // Capacity F frames: the cache has the prefill's [B, H, L, hd] layout exactly.
                    worst = Math.max(worst, maxAbsDiff(t.cache().keys(l), t.prefill().get(CachedTransformerGraphs.key(l))));
                    worst = Math.max(worst, maxAbsDiff(t.cache().values(l), t.prefill().get(CachedTransformerGraphs.value(l))));
                }
                System.out.printf("%s %s: prefill K/V vs step K/V %.3g%n", kind, c.label(), worst);
                assertThat(worst).as(kind + " " + c.label()).isLessThanOrEqualTo(EXACT);
            }
        }
    }

    @Test
    void prefilledCacheContinuesAsTheFullPassInOnnxRuntime() throws Exception {
        // The sampler's use: prefill the context frames in one pass, then step the rest.
        Case c = SINUSOIDAL_OUT;
        Trace t = trace(GraphRunner.Kind.ONNX, c);
        int context = 2;
        KvCache cache = KvCache.forConfig(c.cfg(), B, c.frames());
        int layers = c.cfg().numLayers();
        cache.load(layerOutputs(t.prefill(), layers, true), layerOutputs(t.prefill(), layers, false), c.cfg().length(), context);
        assertThat(cache.filledFrames()).isEqualTo(context);
        double worst = 0;
        try (GraphRunner step = GraphRunner.open(GraphRunner.Kind.ONNX, stepNet(c), paramsFor(c))) {
            for (int f = context; f < c.frames(); f++) {
                Map<String, float[]> out = step(step, c, cache, f);
                worst = Math.max(worst, maxAbsDiff(out.get(CachedTransformerGraphs.Y), frame(t.fullY(), c.frames(), c.n(), c.outDim(), f)));
            }
        }
        System.out.printf("ONNX prefill(%d frames) then step vs full %.3g%n", context, worst);
        assertThat(worst).isLessThanOrEqualTo(EXACT);
    }

    // ---- (c) masked slots do not matter -----------------------------------------------------

    @Test
    void garbageInMaskedSlotsChangesNothing() throws Exception {
        for (GraphRunner.Kind kind : GraphRunner.Kind.values()) {
            Case c = SINUSOIDAL;
            ParamStore params = paramsFor(c);
            try (GraphRunner step = GraphRunner.open(kind, stepNet(c), params)) {
                KvCache clean = KvCache.forConfig(c.cfg(), B, c.frames());
                KvCache dirty = KvCache.forConfig(c.cfg(), B, c.frames());
                for (int f = 0; f < 2; f++) {
                    step(step, c, clean, f);
                    step(step, c, dirty, f);
                }
                // Slots 2..4 are empty (masked): fill them with large finite garbage.
                int p = dirty.capacity(), n = c.n(), hd = dirty.shape()[3];
                Random rng = new Random(77);
                for (int l = 0; l < dirty.layers(); l++) {
                    for (float[] a : List.of(dirty.keys(l), dirty.values(l))) {
                        for (int bh = 0; bh < B * c.cfg().numHeads(); bh++) {
                            for (int i = (bh * p + 2 * n) * hd; i < (bh + 1) * p * hd; i++) {
                                a[i] = (float) (100 * rng.nextGaussian());
                            }
                        }
                    }
                }
                assertThat(dirty.bias()).isEqualTo(clean.bias());
                float[] a = step(step, c, clean, 2).get(CachedTransformerGraphs.Y);
                float[] b = step(step, c, dirty, 2).get(CachedTransformerGraphs.Y);
                double diff = maxAbsDiff(a, b);
                System.out.printf("%s garbage in masked slots: output change %.3g%n", kind, diff);
                // Masked logits get exactly zero weight: not even rounding changes.
                assertThat(diff).as(kind.toString()).isEqualTo(0.0);
                // Control: the same garbage left unmasked does change the output.
                Map<String, Backends.Feed> feeds = stepFeeds(c, dirty, 2);
                feeds.put(CachedTransformerGraphs.BIAS, new Backends.Feed(new int[] {n, p + n}, KvCache.bias(n, c.frames(), 3), null));
                double unmasked = maxAbsDiff(a, step.run(feeds).get(CachedTransformerGraphs.Y));
                assertThat(unmasked).as(kind + " unmasked garbage").isGreaterThan(1e-2);
            }
        }
    }

    // ---- (d) SameDiff vs ONNX Runtime on the step graph -------------------------------------

    @Test
    void stepGraphParitySameDiffVsOnnxRuntime() throws Exception {
        for (Case c : List.of(SINUSOIDAL, SINUSOIDAL_OUT, BROADCAST_COND)) {
            Trace sd = trace(GraphRunner.Kind.SAMEDIFF, c);
            Trace ort = trace(GraphRunner.Kind.ONNX, c);
            double worst = 0;
            for (int f = 0; f < c.frames(); f++) {
                Map<String, float[]> a = sd.steps().get(f);
                Map<String, float[]> b = ort.steps().get(f);
                assertThat(a.keySet()).isEqualTo(b.keySet());
                for (String k : a.keySet()) {
                    worst = Math.max(worst, maxAbsDiff(a.get(k), b.get(k)));
                }
            }
            System.out.printf("%s: step graph SameDiff vs ORT %.3g%n", c.label(), worst);
            assertThat(worst).as(c.label()).isLessThanOrEqualTo(PARITY);
        }
    }

    // ---- the step graph does not depend on the frame ----------------------------------------

    @Test
    void oneStaticStepGraphServesEveryFrame() {
        // The frame is an input value, never a build parameter: the model is the same bytes
        // whatever frame it will run, and every input has a fixed shape set by the capacity P.
        Case c = SINUSOIDAL;
        OnnxOps first = new OnnxOps(paramsFor(c), "step");
        stepNet(c).build(first);
        OnnxOps second = new OnnxOps(paramsFor(c), "step");
        stepNet(c).build(second);
        assertThat(first.model().toByteArray()).isEqualTo(second.model().toByteArray());
        Map<String, List<Long>> inputs = new LinkedHashMap<>();
        for (onnx.Onnx.ValueInfoProto v : first.model().getGraph().getInputList()) {
            inputs.put(v.getName(), v.getType().getTensorType().getShape().getDimList().stream()
                    .map(onnx.Onnx.TensorShapeProto.Dimension::getDimValue).toList());
        }
        int p = c.frames() * c.n();
        assertThat(inputs).containsEntry("x", List.of(2L, 4L, 6L))
                .containsEntry("frame", List.of(1L))
                .containsEntry("bias", List.of(4L, (long) p + 4))
                .containsEntry("past_key_0", List.of(2L, 2L, (long) p, 8L))
                .containsEntry("past_value_1", List.of(2L, 2L, (long) p, 8L));
        assertThat(inputs).hasSize(3 + 2 * c.cfg().numLayers());
    }

    // ---- helpers ------------------------------------------------------------------------------

    @Test
    void frameRowsAreExactlyTheTableRows() throws Exception {
        int frames = 5, n = 4, d = 16;
        float[] table = PositionBiases.sinusoidal(frames * n, d);
        Backends.Net net = new Backends.Net() {
            public <T> void build(Ops<T> ops) {
                ops.output("rows", PositionBiases.sinusoidalFrameRows(ops, frames, n, d, ops.indexInput("frame", 1)));
            }
        };
        for (int f = 0; f < frames; f++) {
            float[] want = Arrays.copyOfRange(table, f * n * d, (f + 1) * n * d);
            Map<String, Backends.Feed> feeds = Map.of("frame", Backends.Feed.ids(new int[] {f}, 1));
            assertThat(Backends.runOnnx(net, new ParamStore(1), feeds).get("rows")).as("ORT frame " + f).isEqualTo(want);
            assertThat(Backends.runSameDiff(net, new ParamStore(1), feeds).get("rows")).as("SameDiff frame " + f).isEqualTo(want);
        }
    }

    @Test
    void cacheBiasLayoutAndSlots() {
        KvCache cache = new KvCache(1, 1, 1, 1, 2, 3); // n = 2, P = 6
        float m = Masks.MASKED;
        assertThat(cache.bias()).containsExactly(
                m, m, m, m, m, m, 0, 0,
                m, m, m, m, m, m, 0, 0);
        cache.write(1, List.of(new float[] {1, 2}), List.of(new float[] {3, 4}));
        assertThat(cache.bias()).containsExactly(
                m, m, 0, 0, m, m, 0, 0,
                m, m, 0, 0, m, m, 0, 0);
        assertThat(cache.keys(0)).containsExactly(0, 0, 1, 2, 0, 0);
        assertThat(cache.values(0)).containsExactly(0, 0, 3, 4, 0, 0);
        assertThat(KvCache.bias(2, 3, 2)).containsExactly(
                0, 0, 0, 0, m, m, 0, 0,
                0, 0, 0, 0, m, m, 0, 0);
        cache.evict(1);
        assertThat(cache.filledFrames()).isZero();
        assertThat(cache.keys(0)).containsOnly(0f);
    }

    @Test
    void cacheLayoutIsBatchHeadTokenChannel() {
        // B = 2, H = 2, n = 1, hd = 2, capacity 2 frames: slot s of (b, h) starts at ((b·H + h)·P + s)·hd.
        KvCache cache = new KvCache(1, 2, 2, 2, 1, 2);
        float[] frameKeys = {1, 2, 3, 4, 5, 6, 7, 8}; // [B, H, 1, hd]
        cache.write(1, List.of(frameKeys), List.of(frameKeys.clone()));
        assertThat(cache.keys(0)).containsExactly(0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 5, 6, 0, 0, 7, 8);
        // Prefill [B, H, L = 3, hd], keep 2 frames.
        float[] pre = new float[2 * 2 * 3 * 2];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = i;
        }
        cache.load(List.of(pre), List.of(pre), 3, 2);
        assertThat(cache.keys(0)).containsExactly(0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21);
        assertThat(cache.filledFrames()).isEqualTo(2);
    }
}
