package org.tecoplatform.stage.traintokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.api.Video;
import org.tecoplatform.nn.OnnxModels;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.SameDiffOps;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyFile;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.tokenizer.vqgan.VqganOnnxTokenizer;

/**
 * The exported tokenizer directory against the SameDiff model it came from: codes identical,
 * reconstructions within 1e-4 before quantisation to uint8 and one level after, run at a batch size
 * other than the one the graphs were built with; and the real {@code vqgan-onnx} tokenizer opens
 * the directory and encodes and decodes identically.
 */
class ExportParityTest {

    /** Tiny: 16×16 frames, 4×4 codes, 8 codes that are the ±axes of 4-D space (well separated). */
    static final VqConfig TINY = new VqConfig(16, 8, 4, 4, 8, 0.25);
    static final int BATCH = 3;

    static ParamStore tinyParams() {
        ParamStore params = new ParamStore(17);
        float[] axes = new float[TINY.codes() * TINY.embedDim()];
        for (int k = 0; k < TINY.codes(); k++) {
            axes[k * TINY.embedDim() + k / 2] = k % 2 == 0 ? 1f : -1f;
        }
        params.put(VqModel.CODEBOOK, new int[] {TINY.codes(), TINY.embedDim()}, axes);
        // Create every other parameter through one graph build.
        VqModel.trainingGraph(new SameDiffOps(params, DataType.FLOAT), TINY, 1);
        return params;
    }

    static byte[] frames(long seed, int n, int size) {
        // Smooth gradients plus noise: latents spread over several codes.
        Random rng = new Random(seed);
        byte[] b = new byte[n * size * size * 3];
        for (int f = 0; f < n; f++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        double v = 128 + 100 * Math.sin(0.4 * x * (c + 1) + 0.3 * y + f) + 20 * rng.nextGaussian();
                        b[((f * size + y) * size + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) v));
                    }
                }
            }
        }
        return b;
    }

    static long[] sameDiffCodes(ParamStore params, byte[] pixels, int n) {
        SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
        VqModel.encoderGraph(ops, TINY, n);
        int[] ints = new int[pixels.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = pixels[i] & 0xff;
        }
        INDArray in = Nd4j.createFromArray(ints).reshape(n, TINY.imageSize(), TINY.imageSize(), 3).castTo(DataType.UINT8);
        return ops.sameDiff().output(Map.of(VqModel.FRAMES, in), VqModel.CODES).get(VqModel.CODES).data().asLong();
    }

    static INDArray sameDiffDecode(ParamStore params, long[] codes, int n, boolean floatOutput) {
        SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
        VqModel.decoderGraph(ops, TINY, n, floatOutput);
        INDArray in = Nd4j.createFromArray(codes).reshape(n, TINY.latent(), TINY.latent()).castTo(DataType.INT);
        String out = floatOutput ? VqModel.RECON : VqModel.FRAMES;
        return ops.sameDiff().output(Map.of(VqModel.CODES, in), out).get(out);
    }

    @Test
    void exportedGraphsMatchSameDiffAndLoadThroughVqganOnnx(@TempDir Path tmp) throws Exception {
        ParamStore params = tinyParams();
        Path dir = tmp.resolve("tokenizer");
        TokenizerExport.write(dir, TINY, params, 0);
        int s = TINY.imageSize();
        byte[] pixels = frames(3, BATCH, s);
        long[] expectedCodes = sameDiffCodes(params, pixels, BATCH);
        assertThat(Arrays.stream(expectedCodes).distinct().count()).as("codes in use").isGreaterThanOrEqualTo(3);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] onnxCodes;
        try (OrtSession enc = env.createSession(dir.resolve(TokenizerExport.ENCODER).toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, ByteBuffer.wrap(pixels), new long[] {BATCH, s, s, 3}, OnnxJavaType.UINT8);
             OrtSession.Result r = enc.run(Map.of(VqModel.FRAMES, in))) {
            LongBuffer lb = ((OnnxTensor) r.get(VqModel.CODES).get()).getLongBuffer();
            onnxCodes = new long[lb.remaining()];
            lb.get(onnxCodes);
        }
        assertThat(onnxCodes).containsExactly(expectedCodes);

        // Before quantisation to uint8: a float variant of the same decoder graph.
        float[] sdRecon = sameDiffDecode(params, expectedCodes, BATCH, true).castTo(DataType.FLOAT).dup().data().asFloat();
        OnnxOps floatDecoder = new OnnxOps(params, "decoder_float", true);
        VqModel.decoderGraph(floatDecoder, TINY, 1, true);
        Path floatFile = tmp.resolve("decoder_float.onnx");
        OnnxModels.write(floatDecoder.model(), floatFile);
        float[] onnxRecon;
        try (OrtSession dec = env.createSession(floatFile.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(expectedCodes), new long[] {BATCH, TINY.latent(), TINY.latent()});
             OrtSession.Result r = dec.run(Map.of(VqModel.CODES, in))) {
            FloatBuffer fb = ((OnnxTensor) r.get(VqModel.RECON).get()).getFloatBuffer();
            onnxRecon = new float[fb.remaining()];
            fb.get(onnxRecon);
        }
        double maxDiff = 0;
        for (int i = 0; i < sdRecon.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(sdRecon[i] - onnxRecon[i]));
        }
        System.out.printf("export parity: float reconstruction max|diff| %.3e%n", maxDiff);
        assertThat(onnxRecon).hasSize(BATCH * s * s * 3);
        assertThat(maxDiff).isLessThanOrEqualTo(1e-4);

        int[] sdBytes = sameDiffDecode(params, expectedCodes, BATCH, false).castTo(DataType.INT).data().asInt();
        byte[] onnxBytes;
        try (OrtSession dec = env.createSession(dir.resolve(TokenizerExport.DECODER).toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(expectedCodes), new long[] {BATCH, TINY.latent(), TINY.latent()});
             OrtSession.Result r = dec.run(Map.of(VqModel.CODES, in))) {
            ByteBuffer bb = ((OnnxTensor) r.get(VqModel.FRAMES).get()).getByteBuffer();
            onnxBytes = new byte[bb.remaining()];
            bb.get(onnxBytes);
        }
        int maxLevels = 0;
        for (int i = 0; i < sdBytes.length; i++) {
            maxLevels = Math.max(maxLevels, Math.abs(sdBytes[i] - (onnxBytes[i] & 0xff)));
        }
        System.out.println("export parity: uint8 reconstruction max level difference " + maxLevels);
        assertThat(maxLevels).isLessThanOrEqualTo(1);

        // The real vqgan-onnx tokenizer: validates the directory, then encodes and decodes identically.
        try (TokenizerModel model = new VqganOnnxTokenizer().open(dir, ConfigSettings.of(Map.of("vqgan-onnx", Map.of("batch_size", 2)), tmp))) {
            assertThat(model.info().codes()).isEqualTo(TINY.codes());
            assertThat(model.info().embeddingDim()).isEqualTo(TINY.embedDim());
            assertThat(model.info().latentHeight()).isEqualTo(TINY.latent());
            assertThat(model.info().imageSize()).isEqualTo(s);
            int[] codes = model.encode(new Video(BATCH, s, s, 3, pixels));
            assertThat(Arrays.stream(codes).asLongStream().toArray()).containsExactly(expectedCodes);
            Video decoded = model.decode(codes, BATCH);
            assertThat(decoded.pixels()).containsExactly(onnxBytes);
            assertThat(model.codebook()).containsExactly(TokenizerExport.normalizedCodebook(TINY, params));
        }
        NpyArray cb = NpyFile.read(dir.resolve(TokenizerExport.CODEBOOK));
        assertThat(cb.shape()).containsExactly(TINY.codes(), TINY.embedDim());
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("tokenizer", "decoder_float.onnx");
    }

    @Test
    void reExportReplacesTheDirectoryWhole(@TempDir Path tmp) throws Exception {
        ParamStore params = tinyParams();
        Path dir = tmp.resolve("tokenizer");
        TokenizerExport.write(dir, TINY, params, 1);
        Files.writeString(dir.resolve("stale.txt"), "from an older export");
        TokenizerExport.write(dir, TINY, params, 2);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("codebook.npy", "decoder.onnx", "encoder.onnx", "tokenizer.json");
        assertThat(Files.readString(dir.resolve("tokenizer.json"))).contains("\"step\": 2");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactly("tokenizer");
    }
}
