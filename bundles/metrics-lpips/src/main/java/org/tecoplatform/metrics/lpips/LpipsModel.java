package org.tecoplatform.metrics.lpips;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.onnx.ModelFolder;
import org.tecoplatform.onnx.ModelSignature;
import org.tecoplatform.onnx.OrtSessions;
import org.tecoplatform.onnx.OrtSettings;
import org.tecoplatform.onnx.TensorSpec;

/**
 * The LPIPS network of a checked model folder on an ONNX Runtime session: {@code distance(in0, in1)}
 * for batches of frame pairs, each frame float32 (3, H, W) in [-1, 1]; the scaling layer and
 * everything after it is inside the graph.
 */
final class LpipsModel implements AutoCloseable {

    static final String FORMAT = "teco-lpips";
    static final int FORMAT_VERSION = 1;

    private final OrtSession session;
    private final int minSize;
    private final Path dir;

    private LpipsModel(OrtSession session, int minSize, Path dir) {
        this.session = session;
        this.minSize = minSize;
        this.dir = dir;
    }

    /** Opens and checks the folder; every problem is a {@link BadInputException} naming it and the tool. */
    static LpipsModel load(Path dir, String key, int threads) {
        ModelFolder folder = ModelFolder.open(dir, key, LpipsMetric.TOOL, FORMAT, FORMAT_VERSION);
        folder.expect("net", "alex");
        folder.expect("lpips_version", "0.1");
        int minSize = folder.integer("min_size");
        OrtSession session;
        try {
            session = OrtSessions.open(folder.graph(), OrtSettings.cpu(threads));
        } catch (IOException | OrtException e) {
            throw new BadInputException(folder.graph() + ": ONNX Runtime cannot load it (" + e.getMessage() + "); re-run "
                    + LpipsMetric.TOOL, e);
        }
        try {
            checkSignature(session, folder.graph());
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        return new LpipsModel(session, minSize, dir);
    }

    private static void checkSignature(OrtSession session, Path graph) {
        ModelSignature sig;
        try {
            sig = ModelSignature.of(session);
        } catch (OrtException e) {
            throw new BadInputException(graph + ": cannot read its inputs and outputs (" + e.getMessage() + ")", e);
        }
        for (String in : new String[] {"in0", "in1"}) {
            TensorSpec spec = sig.input(in).orElseThrow(() -> new BadInputException(graph + ": no input '" + in
                    + "' (expected inputs in0, in1 float (n,3,h,w); found " + sig.describe() + "); re-run " + LpipsMetric.TOOL));
            long[] dims = spec.dims();
            if (dims.length != 4 || dims[1] != 3) {
                throw new BadInputException(graph + ": input '" + in + "' is " + spec + ", expected float (n,3,h,w); re-run "
                        + LpipsMetric.TOOL);
            }
        }
        if (sig.output("distance").isEmpty()) {
            throw new BadInputException(graph + ": no output 'distance' (found " + sig.describe() + "); re-run "
                    + LpipsMetric.TOOL);
        }
    }

    /** The smallest frame side the AlexNet trunk takes (31: two 3x3/2 max pools after an 11x11/4 conv). */
    int minSize() {
        return minSize;
    }

    Path dir() {
        return dir;
    }

    /**
     * Distances of {@code n} frame pairs: {@code a} and {@code b} hold n × 3 × h × w floats (NCHW), already
     * at 2x−1.
     */
    float[] distances(float[] a, float[] b, int n, int h, int w) {
        OrtEnvironment env = OrtSessions.environment();
        long[] shape = {n, 3, h, w};
        int len = n * 3 * h * w;
        try (OnnxTensor t0 = OnnxTensor.createTensor(env, FloatBuffer.wrap(a, 0, len), shape);
             OnnxTensor t1 = OnnxTensor.createTensor(env, FloatBuffer.wrap(b, 0, len), shape);
             OrtSession.Result r = session.run(Map.of("in0", t0, "in1", t1))) {
            float[] out = (float[]) ((OnnxTensor) r.get("distance").orElseThrow()).getValue();
            if (out.length != n) {
                throw new IllegalStateException(dir + ": the LPIPS graph gave " + out.length + " distances for " + n + " pairs");
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("LPIPS on ONNX Runtime failed for " + n + " frames of " + h + "x" + w + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // nothing held beyond the session's native memory, which close() released or never will
        }
    }
}
