package org.tecoplatform.prior.maskgit;

import ai.onnxruntime.OnnxTensor;
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
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.OnnxModels;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;

/** Runs a graph written against {@link Ops} on SameDiff and on ONNX Runtime (after platform/nn's test helpers). */
final class Graphs {

    /** A graph written once against {@link Ops}. */
    interface Net {
        <T> void build(Ops<T> ops);
    }

    /** An input: float data, or integer ids when {@code ids} is set. */
    record Feed(int[] shape, float[] data, int[] ids) {
        static Feed floats(float[] data, int... shape) {
            return new Feed(shape, data, null);
        }

        static Feed ids(int[] ids, int... shape) {
            return new Feed(shape, null, ids);
        }
    }

    private Graphs() {
    }

    static long[] longs(int[] s) {
        return Arrays.stream(s).asLongStream().toArray();
    }

    static INDArray toNd(Feed f, DataType floatType) {
        if (f.ids() != null) {
            return Nd4j.createFromArray(f.ids()).reshape(longs(f.shape())).castTo(DataType.INT);
        }
        return Nd4j.create(f.data(), longs(f.shape()), 'c').castTo(floatType);
    }

    /** SameDiff outputs by name, as doubles, in the given precision. */
    static Map<String, double[]> runSameDiff(Net net, ParamStore params, DataType type, Map<String, Feed> feeds) {
        SameDiffOps ops = new SameDiffOps(params, type);
        net.build(ops);
        Map<String, INDArray> ph = new HashMap<>();
        feeds.forEach((k, f) -> ph.put(k, toNd(f, type)));
        List<String> names = new ArrayList<>(ops.outputs().keySet());
        Map<String, INDArray> out = ops.sameDiff().output(ph, names);
        Map<String, double[]> result = new LinkedHashMap<>();
        for (String n : names) {
            result.put(n, out.get(n).castTo(DataType.DOUBLE).dup().data().asDouble());
        }
        return result;
    }

    /** Writes the ONNX model to a temporary file, as inference loads it. */
    static Path export(Net net, ParamStore params, boolean dynamicBatch) throws Exception {
        OnnxOps ops = new OnnxOps(params, "test", dynamicBatch);
        net.build(ops);
        Path file = Files.createTempFile("prior-maskgit", ".onnx");
        OnnxModels.write(ops.model(), file);
        return file;
    }

    static OrtSession session(Path model) throws Exception {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            return OrtEnvironment.getEnvironment().createSession(model.toString(), opts);
        }
    }

    /** ONNX Runtime outputs by name; ids are fed as int64. */
    static Map<String, float[]> runOnnx(OrtSession session, Map<String, Feed> feeds) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            for (Map.Entry<String, Feed> e : feeds.entrySet()) {
                Feed f = e.getValue();
                in.put(e.getKey(), f.ids() != null
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(Arrays.stream(f.ids()).asLongStream().toArray()), longs(f.shape()))
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap(f.data()), longs(f.shape())));
            }
            Map<String, float[]> result = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(in)) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] a = new float[fb.remaining()];
                    fb.get(a);
                    result.put(e.getKey(), a);
                }
            }
            return result;
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }
}
