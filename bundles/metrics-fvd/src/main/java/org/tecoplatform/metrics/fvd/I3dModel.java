package org.tecoplatform.metrics.fvd;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Video;
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

    private I3dModel(OrtSession session, int features, int minFrames) {
        this.session = session;
        this.features = features;
        this.minFrames = minFrames;
    }

    static I3dModel load(Path dir, String key, int threads) {
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
            session = OrtSessions.open(folder.graph(), OrtSettings.cpu(threads));
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

    /** The time-averaged logits of every frame of {@code v}, preprocessed as the original does. */
    float[] embed(Video v) {
        float[] input = Preprocess.video(v.pixels(), v.frames(), v.height(), v.width());
        return run(input, v.frames());
    }

    /** The features of an already preprocessed (3, T, 224, 224) input. */
    float[] run(float[] input, int frames) {
        long[] shape = {1, 3, frames, Preprocess.SIZE, Preprocess.SIZE};
        try (OnnxTensor t = OnnxTensor.createTensor(OrtSessions.environment(), FloatBuffer.wrap(input), shape);
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
