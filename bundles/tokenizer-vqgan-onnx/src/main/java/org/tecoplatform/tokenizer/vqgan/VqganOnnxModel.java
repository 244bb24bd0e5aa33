package org.tecoplatform.tokenizer.vqgan;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpyFile;
import org.tecoplatform.onnx.ModelSignature;
import org.tecoplatform.onnx.ModelSignature.ExpectedTensor;
import org.tecoplatform.onnx.OrtSessions;
import org.tecoplatform.onnx.TensorBuffers;
import org.tecoplatform.onnx.TensorSpec;

/**
 * An opened tokenizer directory: the encoder and decoder sessions, checked against
 * {@code tokenizer.json} and {@code codebook.npy}. Not thread-safe (its tensor buffers are reused).
 */
final class VqganOnnxModel implements TokenizerModel {

    static final String ENCODER = "encoder.onnx";
    static final String DECODER = "decoder.onnx";
    static final String CODEBOOK = "codebook.npy";
    static final String FRAMES = "frames";
    static final String CODES = "codes";

    private static final Logger LOG = LoggerFactory.getLogger(VqganOnnxModel.class);
    private static final long ANY = TensorSpec.DYNAMIC;

    private final Path directory;
    private final TokenizerInfo info;
    private final float[] codebook;
    private final int batchSize;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final TensorBuffers buffers = new TensorBuffers(OrtSessions.environment());

    private VqganOnnxModel(Path directory, TokenizerInfo info, float[] codebook, int batchSize, OrtSession encoder, OrtSession decoder) {
        this.directory = directory;
        this.info = info;
        this.codebook = codebook;
        this.batchSize = batchSize;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Loads and checks the directory; every problem is a {@link BadInputException} naming the file. */
    static VqganOnnxModel open(Path directory, TokenizerOptions options) {
        if (!Files.isDirectory(directory)) {
            throw new BadInputException("tokenizer directory " + directory + ": expected a folder holding " + ENCODER + ", " + DECODER + ", "
                    + CODEBOOK + " and " + TokenizerMetadata.FILE + ", found " + (Files.exists(directory) ? "a file" : "nothing"));
        }
        for (String name : new String[] {TokenizerMetadata.FILE, CODEBOOK, ENCODER, DECODER}) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                throw new BadInputException(directory.resolve(name) + ": missing from the tokenizer directory (expected "
                        + ENCODER + ", " + DECODER + ", " + CODEBOOK + " and " + TokenizerMetadata.FILE + ")");
            }
        }
        TokenizerInfo info = TokenizerMetadata.read(directory).info();
        float[] codebook = readCodebook(directory.resolve(CODEBOOK), info);
        OrtSession encoder = null;
        OrtSession decoder = null;
        try {
            encoder = session(directory.resolve(ENCODER), options);
            check(directory.resolve(ENCODER), encoder, info,
                    new ExpectedTensor(FRAMES, OnnxJavaType.UINT8, ANY, info.imageSize(), info.imageSize(), 3),
                    new ExpectedTensor(CODES, OnnxJavaType.INT64, ANY, info.latentHeight(), info.latentWidth()));
            decoder = session(directory.resolve(DECODER), options);
            check(directory.resolve(DECODER), decoder, info,
                    new ExpectedTensor(CODES, OnnxJavaType.INT64, ANY, info.latentHeight(), info.latentWidth()),
                    new ExpectedTensor(FRAMES, OnnxJavaType.UINT8, ANY, info.imageSize(), info.imageSize(), 3));
            LOG.debug("opened tokenizer {}: {}", directory, info);
            return new VqganOnnxModel(directory, info, codebook, options.batchSize(), encoder, decoder);
        } catch (RuntimeException e) {
            closeQuietly(encoder);
            closeQuietly(decoder);
            throw e;
        }
    }

    private static OrtSession session(Path file, TokenizerOptions options) {
        try {
            return OrtSessions.open(file, options.ortSettings());
        } catch (OrtException e) {
            throw new BadInputException(file + ": expected an ONNX model, found a file ONNX Runtime cannot load: "
                    + e.getMessage().replaceAll("\\s+", " ").trim(), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static void check(Path file, OrtSession session, TokenizerInfo info, ExpectedTensor in, ExpectedTensor out) {
        ModelSignature sig;
        try {
            sig = ModelSignature.of(session);
        } catch (OrtException e) {
            throw new BadInputException(file + ": cannot describe the model's inputs and outputs: " + e.getMessage(), e);
        }
        Optional<String> problem = sig.soleInputMismatch(in).or(() -> sig.soleOutputMismatch(out));
        if (problem.isPresent()) {
            throw new BadInputException(file + ": " + problem.get() + " (" + TokenizerMetadata.FILE + ": image_size " + info.imageSize()
                    + ", latent " + info.latentHeight() + "x" + info.latentWidth() + ")");
        }
    }

    private static float[] readCodebook(Path file, TokenizerInfo info) {
        NpyArray a;
        try {
            a = NpyFile.read(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": expected a float32 .npy array (codes, embedding_dim), found an unreadable file: " + e.getMessage(), e);
        }
        int[] expected = {info.codes(), info.embeddingDim()};
        if (a.dtype() != NpyDtype.FLOAT32 || !Arrays.equals(a.shape(), expected)) {
            throw new BadInputException(file + ": expected float32 (" + expected[0] + ", " + expected[1] + ") as "
                    + TokenizerMetadata.FILE + " says (codes, embedding_dim), found " + a.dtype().name().toLowerCase(java.util.Locale.ROOT) + " " + shapeText(a.shape()));
        }
        float[] values = a.toFloats();
        // A NaN or infinite embedding would turn every loss that looks it up into NaN, steps later.
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new BadInputException(file + ": expected finite embeddings, found " + values[i] + " at code "
                        + i / expected[1] + ", dimension " + i % expected[1]);
            }
        }
        return values;
    }

    private static String shapeText(int[] shape) {
        return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toArray(String[]::new)) + ")";
    }

    @Override
    public TokenizerInfo info() {
        return info;
    }

    @Override
    public int[] encode(Video frames) {
        int size = info.imageSize();
        if (frames.height() != size || frames.width() != size || frames.channels() != 3) {
            throw new BadInputException("tokenizer " + directory + " encodes " + size + "x" + size + "x3 frames, found " + frames.height() + "x"
                    + frames.width() + "x" + frames.channels() + " (resize the frames or use a tokenizer made for that image_size)");
        }
        int grid = info.latentHeight() * info.latentWidth();
        int[] codes = new int[Math.multiplyExact(frames.frames(), grid)];
        byte[] pixels = frames.pixels();
        int frameBytes = frames.frameBytes();
        for (int start = 0; start < frames.frames(); start += batchSize) {
            int n = Math.min(batchSize, frames.frames() - start);
            try (OnnxTensor in = buffers.uint8(FRAMES, pixels, start * frameBytes, n, size, size, 3);
                 OnnxTensor out = buffers.output(CODES, OnnxJavaType.INT64, n, info.latentHeight(), info.latentWidth());
                 OrtSession.Result r = encoder.run(Map.of(FRAMES, in), Map.of(CODES, out))) {
                buffers.copyInt64ToInts(CODES, codes, start * grid, n * grid);
            } catch (OrtException e) {
                throw new IllegalStateException(directory.resolve(ENCODER) + ": encoding frames [" + start + "," + (start + n) + ") failed: " + e.getMessage(), e);
            }
        }
        return codes;
    }

    @Override
    public Video decode(int[] codes, int frames) {
        int h = info.latentHeight();
        int w = info.latentWidth();
        if (frames < 0 || codes.length != (long) frames * h * w) {
            throw new IllegalArgumentException(frames + " frames of " + h + "x" + w + " codes need " + ((long) frames * h * w)
                    + " codes, found " + codes.length);
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= info.codes()) {
                throw new IllegalArgumentException("code " + codes[i] + " at index " + i + " (frame " + i / (h * w)
                        + ") is outside the codebook [0, " + info.codes() + ")");
            }
        }
        int size = info.imageSize();
        int frameBytes = size * size * 3;
        byte[] pixels = new byte[Math.multiplyExact(frames, frameBytes)];
        for (int start = 0; start < frames; start += batchSize) {
            int n = Math.min(batchSize, frames - start);
            try (OnnxTensor in = buffers.int64(CODES, codes, start * h * w, n, h, w);
                 OnnxTensor out = buffers.output(FRAMES, OnnxJavaType.UINT8, n, size, size, 3);
                 OrtSession.Result r = decoder.run(Map.of(CODES, in), Map.of(FRAMES, out))) {
                buffers.copyUint8(FRAMES, pixels, start * frameBytes, n * frameBytes);
            } catch (OrtException e) {
                throw new IllegalStateException(directory.resolve(DECODER) + ": decoding frames [" + start + "," + (start + n) + ") failed: " + e.getMessage(), e);
            }
        }
        return new Video(frames, size, size, 3, pixels);
    }

    @Override
    public float[] codebook() {
        return codebook.clone();
    }

    @Override
    public void close() {
        closeQuietly(encoder);
        closeQuietly(decoder);
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.debug("closing an ONNX Runtime session failed", e);
            }
        }
    }
}
