package org.tecoplatform.metrics.fvd;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Video;
import org.tecoplatform.onnx.ModelFolder;
import org.tecoplatform.onnx.ModelSignature;
import org.tecoplatform.onnx.OrtSessions;
import org.tecoplatform.onnx.OrtSettings;
import org.tecoplatform.onnx.TensorSpec;

/** The I3D of a checked model folder on ONNX Runtime: one video in, its time-averaged logits out. */
final class I3dModel implements AutoCloseable {

    static final String FORMAT = "teco-i3d";
    static final int FORMAT_VERSION = 1;

    private final OrtSession session;
    private final int features;
    private final int minFrames;
    private FloatBuffer input;

    private I3dModel(OrtSession session, int features, int minFrames) {
        this.session = session;
        this.features = features;
        this.minFrames = minFrames;
    }

    static I3dModel load(Path dir, String key, int threads) {
        return load(dir, key, threads, false);
    }

    /** With {@code cuda}, ONNX Runtime's CUDA execution provider where a GPU is usable (else the CPU, logged). */
    static I3dModel load(Path dir, String key, int threads, boolean cuda) {
        ModelFolder folder = ModelFolder.open(dir, key, FvdMetric.TOOL, FORMAT, FORMAT_VERSION);
        int size = folder.integer("input_size");
        if (size != Preprocess.SIZE) {
            throw new BadInputException(dir.resolve(ModelFolder.METADATA) + ": key input_size is " + size + ", expected "
                    + Preprocess.SIZE + " (the original resizes to 224x224; re-run " + FvdMetric.TOOL + ")");
        }
        int features = folder.integer("features");
        int minFrames = folder.integer("min_frames");
        OrtSession session;
        try {
            session = OrtSessions.open(folder.graph(), OrtSettings.cpu(threads).withCuda(cuda));
        } catch (IOException | OrtException e) {
            throw new BadInputException(folder.graph() + ": ONNX Runtime cannot load it (" + e.getMessage() + "); re-run "
                    + FvdMetric.TOOL, e);
        }
        try {
            ModelSignature sig = ModelSignature.of(session);
            TensorSpec in = sig.input("video").orElseThrow(() -> new BadInputException(folder.graph()
                    + ": no input 'video' (expected float (1,3,frames,224,224); found " + describe(sig) + ")"));
            long[] d = in.dims();
            if (d.length != 5 || d[1] != 3 || d[3] != Preprocess.SIZE || d[4] != Preprocess.SIZE) {
                throw new BadInputException(folder.graph() + ": input 'video' is " + in + ", dims " + java.util.Arrays.toString(d) + ", expected float (1,3,frames,224,224)");
            }
            if (sig.output("features").isEmpty()) {
                throw new BadInputException(folder.graph() + ": no output 'features' (found " + describe(sig) + ")");
            }
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the failure above is what matters
            }
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(folder.graph() + ": cannot read its inputs and outputs (" + e.getMessage() + ")", e);
        }
        return new I3dModel(session, features, minFrames);
    }

    private static String describe(ModelSignature sig) {
        return sig.describe();
    }

    int minFrames() {
        return minFrames;
    }

    /**
     * The time-averaged logits of every frame of {@code v}, preprocessed as the original does. Each frame
     * is resized into a small scratch array and copied into one direct buffer that ONNX Runtime reads in
     * place and that is kept for the next video: a 300-frame video's input is 180 MB, which was
     * allocated on the heap and then copied into a fresh direct buffer for every video.
     */
    float[] embed(Video v) {
        int frames = v.frames();
        int plane = Preprocess.SIZE * Preprocess.SIZE;
        FloatBuffer in = input(3L * frames * plane);
        Preprocess.Axis ys = Preprocess.Axis.of(v.height(), Preprocess.SIZE);
        Preprocess.Axis xs = Preprocess.Axis.of(v.width(), Preprocess.SIZE);
        float[] frame = new float[3 * plane];
        float[] rows = new float[v.height() * 3 * Preprocess.SIZE];
        boolean[] done = new boolean[v.height()];
        int fb = v.frameBytes();
        for (int t = 0; t < frames; t++) {
            Preprocess.resizeFrameSeparable(v.pixels(), t * fb, v.height(), v.width(), ys, xs, frame, 0, plane, rows, done);
            for (int c = 0; c < 3; c++) {
                in.put((c * frames + t) * plane, frame, c * plane, plane);
            }
        }
        return run(in, frames);
    }

    /** The reusable input buffer, {@code n} floats long (grown, never shrunk, while this model is open). */
    private FloatBuffer input(long n) {
        if (n > Integer.MAX_VALUE) {
            throw new BadInputException(FvdMetric.NAME + ": a video of " + n / (3L * Preprocess.SIZE * Preprocess.SIZE)
                    + " frames needs more than 2^31 input values at 224x224 (expected fewer frames)");
        }
        if (input == null || input.capacity() < n) {
            input = ByteBuffer.allocateDirect(Math.toIntExact(n * Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        FloatBuffer b = input.duplicate();
        b.clear().limit((int) n);
        return b;
    }

    /** The features of an already preprocessed (3, T, 224, 224) input. */
    float[] run(float[] input, int frames) {
        return run(FloatBuffer.wrap(input), frames);
    }

    private float[] run(FloatBuffer input, int frames) {
        long[] shape = {1, 3, frames, Preprocess.SIZE, Preprocess.SIZE};
        try (OnnxTensor t = OnnxTensor.createTensor(OrtSessions.environment(), input, shape);
             OrtSession.Result r = session.run(Map.of("video", t))) {
            float[][] out = (float[][]) ((OnnxTensor) r.get("features").orElseThrow()).getValue();
            if (out.length != 1 || out[0].length != features) {
                throw new IllegalStateException("the I3D graph gave " + out.length + "x" + out[0].length + " features, expected 1x"
                        + features);
            }
            return out[0];
        } catch (OrtException e) {
            throw new IllegalStateException("I3D on ONNX Runtime failed for a " + frames + "-frame video: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing more to release
        }
    }
}
