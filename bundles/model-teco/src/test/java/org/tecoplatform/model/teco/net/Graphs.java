package org.tecoplatform.model.teco.net;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tecoplatform.model.teco.TrainingFeed;
import org.tecoplatform.nn.OnnxModels;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;

/** Runs one graph-building function on SameDiff and on ONNX Runtime, outputs as floats by name. */
final class Graphs {

    /** A graph written once against {@link Ops}. */
    interface Graph {
        <T> void build(Ops<T> ops);
    }

    private Graphs() {
    }

    static Map<String, float[]> sameDiff(Graph g, ParamStore params, List<TrainingFeed.Tensor> feeds) {
        SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
        g.build(ops);
        Map<String, INDArray> ph = new TrainingFeed(feeds).placeholders(DataType.FLOAT);
        List<String> names = new ArrayList<>(ops.outputs().keySet());
        Map<String, INDArray> out = ops.sameDiff().output(ph, names);
        Map<String, float[]> result = new LinkedHashMap<>();
        for (String n : names) {
            result.put(n, out.get(n).castTo(DataType.FLOAT).dup().data().asFloat());
        }
        return result;
    }

    static Map<String, float[]> onnx(Graph g, ParamStore params, List<TrainingFeed.Tensor> feeds) throws Exception {
        OnnxOps ops = new OnnxOps(params, "test");
        g.build(ops);
        Path file = Files.createTempFile("teco-model", ".onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            OnnxModels.write(ops.model(), file);
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(file.toString(), opts)) {
                for (TrainingFeed.Tensor t : feeds) {
                    long[] s = Arrays.stream(t.shape()).asLongStream().toArray();
                    in.put(t.name(), t.isIndex()
                            ? OnnxTensor.createTensor(env, LongBuffer.wrap(Arrays.stream(t.ints()).asLongStream().toArray()), s)
                            : OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), s));
                }
                Map<String, float[]> result = new LinkedHashMap<>();
                try (OrtSession.Result r = session.run(in)) {
                    for (Map.Entry<String, OnnxValue> e : r) {
                        OnnxTensor tensor = (OnnxTensor) e.getValue();
                        float[] a;
                        if (tensor.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
                            LongBuffer lb = tensor.getLongBuffer();
                            long[] l = new long[lb.remaining()];
                            lb.get(l);
                            a = new float[l.length];
                            for (int i = 0; i < l.length; i++) {
                                a[i] = l[i];
                            }
                        } else {
                            FloatBuffer fb = tensor.getFloatBuffer();
                            a = new float[fb.remaining()];
                            fb.get(a);
                        }
                        result.put(e.getKey(), a);
                    }
                }
                return result;
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
            Files.deleteIfExists(file);
        }
    }

    /** Largest |a − b| over every output of both maps (which must name the same outputs). */
    static double maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new AssertionError("outputs differ: " + a.keySet() + " vs " + b.keySet());
        }
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            if (x.length != y.length) {
                throw new AssertionError(k + ": " + x.length + " vs " + y.length + " values");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                    throw new AssertionError(k + "[" + i + "] not finite: " + x[i] + " / " + y[i]);
                }
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /**
     * Builds {@code g} once to create its parameters, then adds normal(0, {@code noise}) to every
     * one, so zero-initialised biases and unit scales are exercised too.
     */
    static ParamStore randomParams(Graph g, long seed, double noise) {
        ParamStore params = new ParamStore(seed);
        g.build(new OnnxOps(params, "init"));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed + 1);
        for (String name : new ArrayList<>(params.names())) {
            float[] v = params.get(name).clone();
            float[] n = Tiny.gaussian(rng, v.length);
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (noise * n[i]);
            }
            params.put(name, params.shape(name), v);
        }
        return params;
    }

    static TrainingFeed.Tensor floats(String name, float[] v, int... shape) {
        return TrainingFeed.Tensor.floats(name, v, shape);
    }

    static TrainingFeed.Tensor ints(String name, int[] v, int... shape) {
        return TrainingFeed.Tensor.ints(name, v, shape);
    }
}
