package org.tecoplatform.stage.traintokenizer;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.loader.Batch;
import org.tecoplatform.data.loader.DataLoader;
import org.tecoplatform.data.loader.LoaderOptions;
import org.tecoplatform.data.loader.PixelFormat;

/**
 * Reconstruction PSNR of an exported tokenizer directory on random test-split frames (a fixed
 * seed, so the same frames each time): uint8 frames through {@code encoder.onnx} and
 * {@code decoder.onnx} in ONNX Runtime, exactly as the pipeline will use them; the mean over
 * frames of {@code 10·log10(255² / MSE)} (a perfect frame counts as 100 dB).
 */
final class HeldOutPsnr {

    private HeldOutPsnr() {
    }

    static double measure(Path tokenizerDir, DatasetReader dataset, Settings config, int frames, int batchSize, long seed)
            throws OrtException {
        int episodes = dataset.episodes(config, Split.TEST).size();
        if (episodes == 0) {
            throw new BadInputException("train_tokenizer: the dataset's test split has no episodes to measure held-out PSNR on");
        }
        // One random frame per episode per epoch: a batch can hold at most one frame of each episode.
        batchSize = Math.min(batchSize, episodes);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double sum = 0;
        int done = 0;
        LoaderOptions loading = LoaderOptions.training(batchSize, 1, seed).withWorkers(1).withPixelFormat(PixelFormat.UINT8);
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession enc = env.createSession(tokenizerDir.resolve(TokenizerExport.ENCODER).toString(), opts);
             OrtSession dec = env.createSession(tokenizerDir.resolve(TokenizerExport.DECODER).toString(), opts);
             DataLoader loader = DataLoader.open(dataset, config, Split.TEST, loading)) {
            while (done < frames) {
                Batch b = loader.next();
                int n = Math.min(b.size(), frames - done);
                int fv = b.frameValues();
                byte[] raw = java.util.Arrays.copyOf(b.raw(), n * fv);
                loader.recycle(b);
                byte[] recon = roundTrip(env, enc, dec, raw, n, b.height(), b.width());
                for (int f = 0; f < n; f++) {
                    double se = 0;
                    for (int i = f * fv; i < (f + 1) * fv; i++) {
                        double d = (raw[i] & 0xff) - (recon[i] & 0xff);
                        se += d * d;
                    }
                    double mse = se / fv;
                    sum += mse == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 / mse);
                }
                done += n;
            }
        }
        return sum / done;
    }

    private static byte[] roundTrip(OrtEnvironment env, OrtSession enc, OrtSession dec, byte[] raw, int n, int h, int w) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(env, ByteBuffer.wrap(raw), new long[] {n, h, w, 3}, OnnxJavaType.UINT8);
             OrtSession.Result codes = enc.run(Map.of(VqModel.FRAMES, in));
             OrtSession.Result frames = dec.run(Map.of(VqModel.CODES, (OnnxTensor) codes.get(VqModel.CODES).get()))) {
            ByteBuffer bb = ((OnnxTensor) frames.get(VqModel.FRAMES).get()).getByteBuffer();
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        }
    }
}
