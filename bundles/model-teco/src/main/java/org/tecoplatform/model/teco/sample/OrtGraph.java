package org.tecoplatform.model.teco.sample;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.tecoplatform.onnx.OrtSessions;
import org.tecoplatform.onnx.OrtSettings;

/**
 * One exported graph in an ONNX Runtime session, called with plain Java arrays: float inputs as
 * {@code float[]}, index inputs as {@code long[]}; outputs come back the same way.
 */
final class OrtGraph implements AutoCloseable {

    /** A named input tensor. */
    record In(String name, Object data, long[] shape) {
        static In floats(String name, float[] data, long... shape) {
            return new In(name, data, shape);
        }

        static In longs(String name, long[] data, long... shape) {
            return new In(name, data, shape);
        }
    }

    private final OrtEnvironment env = OrtSessions.environment();
    private final OrtSession session;
    private final String name;

    OrtGraph(Path file, OrtSettings settings) throws IOException, OrtException {
        this.session = OrtSessions.open(file, settings);
        this.name = file.getFileName().toString();
    }

    /** Runs the graph; every output is returned as float[] or long[] by name. */
    Map<String, Object> run(In... inputs) throws OrtException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (In in : inputs) {
                OnnxTensor t = in.data() instanceof float[] f
                        ? OnnxTensor.createTensor(env, FloatBuffer.wrap(f), in.shape())
                        : OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) in.data()), in.shape());
                feed.put(in.name(), t);
            }
            Map<String, Object> out = new HashMap<>();
            try (OrtSession.Result r = session.run(feed)) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    out.put(e.getKey(), switch (t.getInfo().type) {
                        case FLOAT -> copy(t.getFloatBuffer());
                        case INT64 -> copy(t.getLongBuffer());
                        default -> throw new IllegalStateException(name + ": output " + e.getKey() + " has type " + t.getInfo().type);
                    });
                }
            }
            return out;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] copy(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static long[] copy(LongBuffer b) {
        long[] a = new long[b.remaining()];
        b.get(a);
        return a;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
