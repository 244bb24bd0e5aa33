package org.tecoplatform.stage.traintokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tecoplatform.nn.AtomicDirectory;
import org.tecoplatform.nn.OnnxModels;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyFile;

/**
 * Writes a trained {@link VqModel} as a tokenizer directory in the {@code vqgan-onnx} contract:
 * {@code encoder.onnx} (uint8 NHWC frames → int64 codes), {@code decoder.onnx} (int64 codes →
 * uint8 NHWC frames), both with a dynamic batch axis; {@code codebook.npy} (float32 codes ×
 * embed_dim, the normalised rows the decoder looks up); {@code tokenizer.json}. The folder is built
 * beside the target and renamed into place, so a reader never sees half a tokenizer.
 */
final class TokenizerExport {

    static final String ENCODER = "encoder.onnx";
    static final String DECODER = "decoder.onnx";
    static final String CODEBOOK = "codebook.npy";
    static final String METADATA = "tokenizer.json";

    private TokenizerExport() {
    }

    static void write(Path dir, VqConfig c, ParamStore params, long step) throws IOException {
        AtomicDirectory.write(dir, tmp -> {
            OnnxOps enc = new OnnxOps(params, "vq_encoder", true);
            VqModel.encoderGraph(enc, c, 1);
            OnnxModels.write(enc.model(), tmp.resolve(ENCODER));
            OnnxOps dec = new OnnxOps(params, "vq_decoder", true);
            VqModel.decoderGraph(dec, c, 1, false);
            OnnxModels.write(dec.model(), tmp.resolve(DECODER));
            NpyFile.write(tmp.resolve(CODEBOOK), NpyArray.float32(new int[] {c.codes(), c.embedDim()}, normalizedCodebook(c, params)));
            Files.writeString(tmp.resolve(METADATA), metadata(c, step), StandardCharsets.UTF_8);
        });
    }

    /** The codebook rows as the graphs use them: {@code e / sqrt(|e|² + eps)}. */
    static float[] normalizedCodebook(VqConfig c, ParamStore params) {
        float[] raw = params.get(VqModel.CODEBOOK);
        float[] out = new float[raw.length];
        int d = c.embedDim();
        for (int r = 0; r < c.codes(); r++) {
            float sq = 0;
            for (int i = 0; i < d; i++) {
                sq += raw[r * d + i] * raw[r * d + i];
            }
            float inv = (float) (1 / Math.sqrt(sq + VqModel.NORM_EPS));
            for (int i = 0; i < d; i++) {
                out[r * d + i] = raw[r * d + i] * inv;
            }
        }
        return out;
    }

    static String metadata(VqConfig c, long step) {
        return String.format(Locale.ROOT, """
                {
                  "format": "teco-vqgan-onnx",
                  "format_version": 1,
                  "codes": %d,
                  "embedding_dim": %d,
                  "latent_h": %d,
                  "latent_w": %d,
                  "image_size": %d,
                  "source": {
                    "trainer": "train_tokenizer",
                    "model": "vq-autoencoder (cosine codebook)",
                    "channels": %d,
                    "groups": %d,
                    "beta": %s,
                    "step": %d
                  }
                }
                """, c.codes(), c.embedDim(), c.latent(), c.latent(), c.imageSize(), c.channels(), c.groups(), c.beta(), step);
    }
}
