package org.tecoplatform.nn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
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

/**
 * A graph built once and run many times (as a sampler runs its step graph), on SameDiff (float32)
 * or in an ONNX Runtime session loaded from a written model file. Unlike {@link Backends}, which
 * builds per call.
 */
interface GraphRunner extends AutoCloseable {

    /** Outputs by name. */
    Map<String, float[]> run(Map<String, Backends.Feed> feeds) throws Exception;

    @Override
    void close() throws Exception;

    enum Kind {
        SAMEDIFF, ONNX
    }

    static GraphRunner open(Kind kind, Backends.Net net, ParamStore params) throws Exception {
        return kind == Kind.SAMEDIFF ? sameDiff(net, params) : onnx(net, params);
    }

    static GraphRunner sameDiff(Backends.Net net, ParamStore params) {
        SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
        net.build(ops);
        List<String> names = new ArrayList<>(ops.outputs().keySet());
        return new GraphRunner() {
            public Map<String, float[]> run(Map<String, Backends.Feed> feeds) {
                Map<String, INDArray> ph = new HashMap<>();
                feeds.forEach((k, f) -> ph.put(k, Backends.toNd(f, DataType.FLOAT)));
                Map<String, INDArray> out = ops.sameDiff().output(ph, names);
                Map<String, float[]> result = new LinkedHashMap<>();
                for (String n : names) {
                    result.put(n, out.get(n).castTo(DataType.FLOAT).dup().data().asFloat());
                }
                return result;
            }

            public void close() {
            }
        };
    }

    static GraphRunner onnx(Backends.Net net, ParamStore params) throws Exception {
        OnnxOps ops = new OnnxOps(params, "test");
        net.build(ops);
        Path file = Files.createTempFile("teco-nn-runner", ".onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            OnnxModels.write(ops.model(), file);
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(1);
                session = env.createSession(file.toString(), opts);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new GraphRunner() {
            public Map<String, float[]> run(Map<String, Backends.Feed> feeds) throws OrtException {
                Map<String, OnnxTensor> in = new HashMap<>();
                try {
                    for (Map.Entry<String, Backends.Feed> e : feeds.entrySet()) {
                        Backends.Feed f = e.getValue();
                        long[] s = Shapes.longs(f.shape());
                        in.put(e.getKey(), f.isIds()
                                ? OnnxTensor.createTensor(env, LongBuffer.wrap(Arrays.stream(f.ids()).asLongStream().toArray()), s)
                                : OnnxTensor.createTensor(env, FloatBuffer.wrap(f.data()), s));
                    }
                    Map<String, float[]> result = new LinkedHashMap<>();
                    try (OrtSession.Result r = session.run(in)) {
                        for (Map.Entry<String, OnnxValue> e : r) {
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

            public void close() throws OrtException {
                session.close();
            }
        };
    }
}
