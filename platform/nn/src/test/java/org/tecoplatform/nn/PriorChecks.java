package org.tecoplatform.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.tecoplatform.nn.prior.GraphTensor;
import org.tecoplatform.nn.prior.PriorGraphs;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.PriorShape;
import org.tecoplatform.nn.prior.RandomInput;

/**
 * The checks every prior gets for free (teco-nn's test-jar, {@code <type>test-jar</type>}): its
 * logits graph on SameDiff against ONNX Runtime, its training loss on the eager training back end
 * against SameDiff and against float64 central differences, and logits per position for
 * causality checks. Each builds the prior's graphs exactly as TECO does, under
 * {@link PriorNetwork#PARAMETER_PREFIX}.
 */
public final class PriorChecks {

    private static final String PREFIX = PriorNetwork.PARAMETER_PREFIX;

    private PriorChecks() {
    }

    /** Fresh parameters of {@code prior} (created by building its logits graph once). */
    public static ParamStore parameters(PriorNetwork prior, long seed) {
        ParamStore params = new ParamStore(seed);
        PriorShape s = prior.shape();
        Backends.runSameDiff(logitsNet(prior, 1), params, Map.of(PriorNetwork.TOKENS, Backends.Feed.ids(new int[s.length()], 1,
                s.height(), s.width()), PriorNetwork.DETER, Backends.Feed.floats(new Random(seed), 1, s.height(), s.width(), s.condDim())));
        return params;
    }

    /** Random token ids in {@code [0, codes]} (the last one the shape's mask token). */
    public static int[] randomTokens(PriorShape s, int items, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] t = new int[items * s.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextInt(s.codes() + 1);
        }
        return t;
    }

    /** Gaussian deter_t for {@code items} items. */
    public static float[] randomCond(PriorShape s, int items, long seed) {
        return Backends.Feed.floats(new Random(seed), items, s.height(), s.width(), s.condDim()).data();
    }

    /** Max |SameDiff − ONNX Runtime| of the logits graph (exported with a dynamic batch, as TECO does). */
    public static double logitsParity(PriorNetwork prior, ParamStore params, int items, long seed) throws Exception {
        PriorShape s = prior.shape();
        return Backends.parity(logitsNet(prior, items), params, logitsFeeds(s, items, randomTokens(s, items, seed), randomCond(s, items, seed)));
    }

    /** Logits {@code [items · L · codes]} on SameDiff (float32). */
    public static float[] logits(PriorNetwork prior, ParamStore params, int items, int[] tokens, float[] cond) {
        return Backends.runSameDiff(logitsNet(prior, items), params, logitsFeeds(prior.shape(), items, tokens, cond))
                .get(PriorNetwork.LOGITS);
    }

    /** Per grid position, the largest |change| of its logits between two inputs (all items). */
    public static double[] logitChangeByPosition(PriorNetwork prior, ParamStore params, int items, int[] tokensA, float[] condA,
            int[] tokensB, float[] condB) {
        float[] a = logits(prior, params, items, tokensA, condA);
        float[] b = logits(prior, params, items, tokensB, condB);
        PriorShape s = prior.shape();
        double[] change = new double[s.length()];
        for (int i = 0; i < items; i++) {
            for (int p = 0; p < s.length(); p++) {
                for (int k = 0; k < s.codes(); k++) {
                    int at = (i * s.length() + p) * s.codes() + k;
                    change[p] = Math.max(change[p], Math.abs(a[at] - b[at]));
                }
            }
        }
        return change;
    }

    /**
     * The training loss's float64 gradient check over every parameter and deter_t at once: for
     * {@code directions} random directions, SameDiff's directional derivative against central
     * differences (two forward passes each, so it stays fast for a whole network; an element-wise
     * check costs two passes per element). Returns the largest relative error.
     */
    public static double lossGradientCheck(PriorNetwork prior, ParamStore params, int items, int directions, long seed) {
        return Backends.gradCheckDirectional(lossNet(prior, items), params, lossFeeds(prior, items, seed), directions, seed);
    }

    /** The training loss and its gradients on the eager back end (what TECO trains on) against SameDiff, float64. */
    public static double lossEagerVsSameDiff(PriorNetwork prior, ParamStore params, int items, long seed) {
        return Backends.eagerVsSameDiff(lossNet(prior, items), params, lossFeeds(prior, items, seed), seed);
    }

    private static Backends.Net logitsNet(PriorNetwork prior, int items) {
        PriorShape s = prior.shape();
        return new Backends.Net() {
            @Override
            public <T> void build(Ops<T> ops) {
                T tokens = ops.indexInput(PriorNetwork.TOKENS, items, s.height(), s.width());
                T cond = ops.input(PriorNetwork.DETER, items, s.height(), s.width(), s.condDim());
                ops.output(PriorNetwork.LOGITS, prior.logits(ops, PREFIX, tokens, cond));
            }
        };
    }

    private static Map<String, Backends.Feed> logitsFeeds(PriorShape s, int items, int[] tokens, float[] cond) {
        Map<String, Backends.Feed> f = new LinkedHashMap<>();
        f.put(PriorNetwork.TOKENS, Backends.Feed.ids(tokens, items, s.height(), s.width()));
        f.put(PriorNetwork.DETER, new Backends.Feed(new int[] {items, s.height(), s.width(), s.condDim()}, cond, null));
        return f;
    }

    private static Backends.Net lossNet(PriorNetwork prior, int items) {
        PriorShape s = prior.shape();
        return new Backends.Net() {
            @Override
            public <T> void build(Ops<T> ops) {
                T codes = ops.indexInput("codes", items, s.height(), s.width());
                T cond = ops.input(PriorNetwork.DETER, items, s.height(), s.width(), s.condDim());
                Map<String, T> random = new LinkedHashMap<>();
                for (RandomInput r : prior.randomInputs(items)) {
                    random.put(r.name(), ops.input(r.name(), r.shape()));
                }
                ops.output("loss", prior.trainingLoss(ops, PREFIX, codes, cond, random));
            }
        };
    }

    private static Map<String, Backends.Feed> lossFeeds(PriorNetwork prior, int items, long seed) {
        PriorShape s = prior.shape();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] codes = new int[items * s.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(s.codes());
        }
        Map<String, Backends.Feed> f = new LinkedHashMap<>();
        f.put("codes", Backends.Feed.ids(codes, items, s.height(), s.width()));
        f.put(PriorNetwork.DETER, new Backends.Feed(new int[] {items, s.height(), s.width(), s.condDim()}, randomCond(s, items, seed), null));
        Map<String, float[]> random = prior.drawRandom(rng, items);
        for (RandomInput r : prior.randomInputs(items)) {
            f.put(r.name(), new Backends.Feed(r.shape(), random.get(r.name()), null));
        }
        return f;
    }

    /** A prior's exported graphs in ONNX Runtime sessions, as TECO's sampler runs them. */
    public interface OnnxPriorGraphs extends PriorGraphs, AutoCloseable {
        @Override
        void close() throws Exception;
    }

    /**
     * Exports the prior's logits graph and its {@link PriorNetwork#extraGraphs} (dynamic batch,
     * through files, as TECO's export does) and opens each in an ONNX Runtime session.
     */
    public static OnnxPriorGraphs onnxGraphs(PriorNetwork prior, ParamStore params) throws Exception {
        Map<String, ai.onnxruntime.OrtSession> sessions = new LinkedHashMap<>();
        PriorShape s = prior.shape();
        sessions.put(PriorNetwork.LOGITS_GRAPH, session(new OnnxOps(params, "test_prior", true), ops -> {
            OnnxOps o = ops;
            var tokens = o.indexInput(PriorNetwork.TOKENS, 1, s.height(), s.width());
            var cond = o.input(PriorNetwork.DETER, 1, s.height(), s.width(), s.condDim());
            o.output(PriorNetwork.LOGITS, prior.logits(o, PREFIX, tokens, cond));
        }));
        for (String g : prior.extraGraphs()) {
            sessions.put(g, session(new OnnxOps(params, "test_" + g, true), ops -> prior.extraGraph(ops, PREFIX, g, 1)));
        }
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        return new OnnxPriorGraphs() {
            @Override
            public Map<String, Object> run(String graph, Map<String, GraphTensor> inputs) {
                ai.onnxruntime.OrtSession session = sessions.get(graph);
                if (session == null) {
                    throw new IllegalArgumentException("no graph " + graph + " (have " + sessions.keySet() + ")");
                }
                Map<String, ai.onnxruntime.OnnxTensor> in = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, GraphTensor> e : inputs.entrySet()) {
                        GraphTensor t = e.getValue();
                        in.put(e.getKey(), t.data() instanceof float[] f
                                ? ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(f), t.shape())
                                : ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap((long[]) t.data()), t.shape()));
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    try (ai.onnxruntime.OrtSession.Result r = session.run(in)) {
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                            java.nio.FloatBuffer fb = ((ai.onnxruntime.OnnxTensor) e.getValue()).getFloatBuffer();
                            float[] a = new float[fb.remaining()];
                            fb.get(a);
                            out.put(e.getKey(), a);
                        }
                    }
                    return out;
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                } finally {
                    in.values().forEach(ai.onnxruntime.OnnxTensor::close);
                }
            }

            @Override
            public void close() throws Exception {
                for (ai.onnxruntime.OrtSession session : sessions.values()) {
                    session.close();
                }
            }
        };
    }

    private static ai.onnxruntime.OrtSession session(OnnxOps ops, java.util.function.Consumer<OnnxOps> build) throws Exception {
        build.accept(ops);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("teco-prior", ".onnx");
        try {
            OnnxModels.write(ops.model(), file);
            try (ai.onnxruntime.OrtSession.SessionOptions opts = new ai.onnxruntime.OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(1);
                return ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(file.toString(), opts);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** For a prior's own graphs (a cached step, say): max |SameDiff − ONNX Runtime| over every output. */
    public static double parity(GraphBuilder graph, ParamStore params, Map<String, Object> feeds) throws Exception {
        return Backends.parity(net(graph), params, feedsOf(feeds));
    }

    /** A graph written once against {@link Ops}, for {@link #parity}. */
    public interface GraphBuilder {
        <T> void build(Ops<T> ops);
    }

    private static Backends.Net net(GraphBuilder g) {
        return new Backends.Net() {
            @Override
            public <T> void build(Ops<T> ops) {
                g.build(ops);
            }
        };
    }

    /** Feeds as {@code name → float[] data and int[] shape} pairs: {@code Object[] {float[]|int[] ids, int[] shape}}. */
    private static Map<String, Backends.Feed> feedsOf(Map<String, Object> feeds) {
        Map<String, Backends.Feed> f = new LinkedHashMap<>();
        feeds.forEach((k, v) -> {
            Object[] pair = (Object[]) v;
            int[] shape = (int[]) pair[1];
            f.put(k, pair[0] instanceof float[] d ? new Backends.Feed(shape, d, null) : Backends.Feed.ids((int[]) pair[0], shape));
        });
        return f;
    }
}
