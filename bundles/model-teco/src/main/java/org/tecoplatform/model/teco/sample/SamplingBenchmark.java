package org.tecoplatform.model.teco.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import ai.onnxruntime.OrtException;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.export.InferenceExport;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.onnx.OrtSettings;

/**
 * Times TECO's rollout on ONNX Runtime at a config's sizes with random parameters: the time of
 * every generated frame, with the key/value cache and recomputing the transformer as the
 * original does, for {@code teco bench sample}.
 */
final class SamplingBenchmark {

    private SamplingBenchmark() {
    }

    static Map<String, double[]> run(TecoModel model, int videos, int frames, int context, long seed, boolean cached, boolean recomputed,
                                     OrtSettings ort) throws IOException, OrtException {
        TecoConfig c = model.config();
        Path dir = Files.createTempDirectory("teco-bench-sample");
        try {
            Path export = dir.resolve("onnx");
            InferenceExport.write(model, new ParamStore(seed), export);
            SplittableRandom rng = new SplittableRandom(seed);
            int hw = c.latentHeight() * c.latentWidth();
            int[] codes = new int[videos * frames * hw];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = rng.nextInt(c.vqCodes());
            }
            int[] actions = new int[videos * frames];
            Arrays.fill(actions, c.noAction());
            Map<String, double[]> out = new LinkedHashMap<>();
            if (cached) {
                out.put("cached_frame_ms", frameTimes(export, model, ort, true, codes, actions, videos, frames, context, seed));
            }
            if (recomputed) {
                out.put("recomputed_frame_ms", frameTimes(export, model, ort, false, codes, actions, videos, frames, context, seed));
            }
            out.put("videos", new double[] {videos});
            out.put("context", new double[] {context});
            out.put("seq_len", new double[] {c.seqLen()});
            return out;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Milliseconds of each generated frame (index 0 = frame {@code context}). */
    private static double[] frameTimes(Path export, TecoModel model, OrtSettings ort, boolean cache, int[] codes, int[] actions, int videos,
                                       int frames, int context, long seed) throws IOException, OrtException {
        double[] ms = new double[frames - context];
        try (TecoSampler sampler = new TecoSampler(export, model.config(), model.prior(), ort, cache)) {
            long[] last = {System.nanoTime()};
            sampler.rollout(codes, actions, videos, frames, context, new SplittableRandom(seed), i -> {
                long now = System.nanoTime();
                ms[i - context] = (now - last[0]) / 1e6;
                last[0] = now;
            });
        }
        return ms;
    }
}
