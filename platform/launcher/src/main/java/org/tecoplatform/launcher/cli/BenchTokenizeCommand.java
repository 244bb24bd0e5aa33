package org.tecoplatform.launcher.cli;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.Conv;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.ResNetBlock;
import org.tecoplatform.nn.SameDiffOps;
import org.tecoplatform.nn.Upsample2;
import org.tecoplatform.onnx.OrtSessions;
import org.tecoplatform.onnx.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code teco bench tokenize}: VQ tokenizer encode/decode throughput through ONNX Runtime against
 * the same graph on DL4J (SameDiff), both built once by the modelling kit.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Encode and decode frames/s of a VQ tokenizer through ONNX Runtime (teco-onnx sessions) and,",
            "for the same graph, through DL4J (SameDiff), with achieved GFLOP/s against each engine's own peak on this",
            "machine (the best of ten fp32 2048^3 matrix products through it, measured first).",
            "The same-graph comparison uses a kit-built VQ-style conv encoder/decoder (conv3x3 in, ResNet block,",
            "2x2 patch downsample, 1x1 to the code dimension, nearest-code argmin; codes -> one-hot x codebook,",
            "conv3x3, ResNet block, 2x upsample, ResNet block, conv3x3 out), lowered by SameDiffOps for DL4J and",
            "exported with OnnxOps for ONNX Runtime: the PyTorch VQ-GAN tokenizers (tokenizer.json format",
            "teco-vqgan-onnx) have no kit definition, so they cannot be rebuilt as SameDiff. With --tokenizer, its",
            "exported encoder.onnx/decoder.onnx are timed on ONNX Runtime too, and the kit graph takes its sizes",
            "(image size, latent grid, codes, code dimension).",
            "FLOPs: 2*MACs of every conv2d and matmul the kit graph declares, from static shapes.",
            "",
            "Examples:",
            "  teco bench tokenize --tokenizer bundles/tokenizer-vqgan-onnx/src/test/resources/vqgan-tiny --batch 16"})
final class BenchTokenizeCommand implements Callable<Integer> {

    @Option(names = "--tokenizer", paramLabel = "DIR",
            description = "Tokenizer directory (encoder.onnx, decoder.onnx, tokenizer.json).")
    Path tokenizer;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Frames per call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "10", description = "Timed calls; the median counts (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "3", description = "Untimed calls first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "ONNX Runtime intra-op threads (default 0: one per core, as ND4J's OpenMP does).")
    int threads;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "64", description = "Kit graph width, a multiple of 32 (default ${DEFAULT-VALUE}).")
    int channels;

    @Spec
    CommandSpec spec;

    private final Random rng = new Random(7);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int image = 32;
        int latent = 16;
        int codes = 64;
        int dim = 16;
        String format = null;
        if (tokenizer != null) {
            Path json = tokenizer.resolve("tokenizer.json");
            if (Files.isRegularFile(json)) {
                JsonNode n = new ObjectMapper().readTree(json.toFile());
                image = n.path("image_size").asInt(image);
                latent = n.path("latent_h").asInt(latent);
                codes = n.path("codes").asInt(codes);
                dim = n.path("embedding_dim").asInt(dim);
                format = n.path("format").asText(null);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        OrtSettings ort = OrtSettings.cpu(threads > 0 ? threads : cores);
        out.printf(Locale.ROOT, "teco bench tokenize: batch %d, %d cores, ORT %d intra-op threads, ND4J %s%n", batch, cores,
                threads > 0 ? threads : cores, BenchFigures.nd4jBuild());
        MachinePeak ortPeak = MachinePeak.onnxRuntime(ort);
        MachinePeak nd4jPeak = MachinePeak.nd4j();
        out.printf(Locale.ROOT, "  peak %s%n  peak %s%n", ortPeak, nd4jPeak);
        out.printf(Locale.ROOT, "  %-44s %10s %10s %10s %9s%n", "graph / engine", "ms/call", "frames/s", "GFLOP/s", "of peak");

        if (tokenizer != null) {
            out.printf(Locale.ROOT, "  %s (%s): its exported graphs on ONNX Runtime only (no kit definition -> no SameDiff)%n",
                    tokenizer, format == null ? "no tokenizer.json" : format);
            Map<String, Object> fixed = new HashMap<>();
            fixed.put("codes", codes);
            for (String part : new String[] {"encoder", "decoder"}) {
                Path file = tokenizer.resolve(part + ".onnx");
                if (!Files.isRegularFile(file)) {
                    out.printf(Locale.ROOT, "  %-44s missing%n", part + ".onnx");
                    continue;
                }
                try (OrtSession s = OrtSessions.open(file, ort)) {
                    Map<String, OnnxTensor> feeds = feeds(s, codes);
                    try {
                        row(out, part + ".onnx / ONNX Runtime", timeOrt(s, feeds), -1, ortPeak);
                    } finally {
                        feeds.values().forEach(OnnxTensor::close);
                    }
                }
            }
        }

        if (channels % 32 != 0) {
            throw new IllegalArgumentException("--channels must be a multiple of 32 (GroupNorm's 32 groups)");
        }
        out.printf(Locale.ROOT, "  kit VQ conv tokenizer, %dx%dx3 -> %dx%d codes of %d (dim %d), width %d:%n", image, image,
                latent, latent, codes, dim, channels);
        int down = image / latent;
        if (down != 1 && down != 2) {
            throw new IllegalArgumentException("the kit graph downsamples by 1 or 2, not " + image + "/" + latent);
        }
        ParamStore params = new ParamStore(11);
        for (String part : new String[] {"encoder", "decoder"}) {
            boolean enc = part.equals("encoder");
            // SameDiff lowering, FLOPs counted while it is built; then the same store exported to ONNX.
            SameDiffOps sdo = new SameDiffOps(params, DataType.FLOAT);
            org.tecoplatform.nn.FlopCounter count = new org.tecoplatform.nn.FlopCounter();
            build(count.wrap(sdo), enc, image, latent, codes, dim, down);
            OnnxOps onnx = new OnnxOps(params, "kit_vq_" + part);
            build(onnx, enc, image, latent, codes, dim, down);
            byte[] model = onnx.model().toByteArray();

            Map<String, INDArray> sdFeeds = new HashMap<>();
            if (enc) {
                sdFeeds.put("frames", Nd4j.rand(DataType.FLOAT, batch, image, image, 3).muli(2).subi(1));
            } else {
                long[] idx = new long[batch * latent * latent];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = rng.nextInt(codes);
                }
                sdFeeds.put("codes", Nd4j.createFromArray(idx).reshape(batch, latent, latent).castTo(DataType.INT));
            }
            String outName = enc ? "codes_out" : "frames_out";
            SameDiff sd = sdo.sameDiff();
            double sdMs = timeSameDiff(sd, sdFeeds, outName);
            double ortMs;
            double diff;
            try (OrtSession s = OrtSessions.open(model, "kit " + part, ort)) {
                Map<String, OnnxTensor> feeds = new HashMap<>();
                OrtEnvironment env = OrtSessions.environment();
                if (enc) {
                    feeds.put("frames", OnnxTensor.createTensor(env, FloatBuffer.wrap(sdFeeds.get("frames").data().asFloat()),
                            new long[] {batch, image, image, 3}));
                } else {
                    feeds.put("codes", OnnxTensor.createTensor(env, LongBuffer.wrap(sdFeeds.get("codes").castTo(DataType.LONG)
                            .data().asLong()), new long[] {batch, latent, latent}));
                }
                try {
                    ortMs = timeOrt(s, feeds);
                    diff = agreement(s, feeds, sd, sdFeeds, outName, enc);
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
            long flops = count.flops();
            row(out, part + " / ONNX Runtime", ortMs, flops, ortPeak);
            row(out, part + " / DL4J SameDiff", sdMs, flops, nd4jPeak);
            out.printf(Locale.ROOT, "  %-44s %.2f GFLOP per frame, ORT %.2fx faster than DL4J; %s%n", "",
                    flops / (double) batch / 1e9, sdMs / ortMs, enc
                            ? String.format(Locale.ROOT, "codes agree on %.1f%% of positions", 100 * (1 - diff))
                            : String.format(Locale.ROOT, "max |ORT - DL4J| = %.2e", diff));
            out.flush();
        }
        out.printf(Locale.ROOT, "  median of %d calls after %d warm-up; peak RSS %s%n", Math.max(1, repeats), warmup,
                BenchFigures.mb(BenchFigures.peakRssBytes()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The VQ-style encoder (frames [-1,1] NHWC → codes) or decoder (codes → frames). */
    private <T> void build(Ops<T> ops, boolean encoder, int image, int latent, int codes, int dim, int down) {
        int c = channels;
        if (encoder) {
            T x = ops.input("frames", batch, image, image, 3);
            T h = Conv.same(ops, "encoder.conv_in", x, c, 3, true);
            h = ResNetBlock.apply(ops, "encoder.ResNetBlock_0", h, c);
            if (down == 2) {
                h = Conv.patches(ops, "encoder.down", h, c, 2, true);
            }
            h = ops.elu(h);
            T z = Conv.same(ops, "encoder.conv_out", h, dim, 1, true);
            T codebook = ops.param("codebook", Init.normal(1.0), codes, dim);
            T flat = ops.reshape(z, -1, dim);
            T xe = ops.matmul(flat, ops.transpose(codebook, 1, 0));
            T ee = ops.reshape(ops.reduceSum(ops.mul(codebook, codebook), false, 1), 1, codes);
            T xx = ops.reduceSum(ops.mul(flat, flat), true, 1);
            T dist = ops.add(ops.sub(xx, ops.mul(ops.scalar(2f), xe)), ee);
            ops.indexOutput("codes_out", ops.argminLast(ops.reshape(dist, batch, latent, latent, codes)));
        } else {
            T idx = ops.indexInput("codes", batch, latent, latent);
            T codebook = ops.param("codebook", Init.normal(1.0), codes, dim);
            T q = ops.matmul(ops.reshape(ops.oneHot(idx, codes), -1, codes), codebook);
            q = ops.reshape(q, batch, latent, latent, dim);
            T h = Conv.same(ops, "decoder.conv_in", q, c, 3, true);
            h = ResNetBlock.apply(ops, "decoder.ResNetBlock_0", h, c);
            if (down == 2) {
                h = Upsample2.apply(ops, h);
            }
            h = ResNetBlock.apply(ops, "decoder.ResNetBlock_1", h, c);
            h = ops.elu(h);
            ops.output("frames_out", Conv.same(ops, "decoder.conv_out", h, 3, 3, true));
        }
    }

    private double timeSameDiff(SameDiff sd, Map<String, INDArray> feeds, String out) {
        for (int i = 0; i < warmup; i++) {
            sd.output(feeds, out);
        }
        double[] ms = new double[Math.max(1, repeats)];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            sd.output(feeds, out);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return BenchFigures.median(ms);
    }

    /** Median ms of {@code s.run(feeds)}; the caller closes the feeds. */
    private double timeOrt(OrtSession s, Map<String, OnnxTensor> feeds) throws OrtException {
        {
            for (int i = 0; i < warmup; i++) {
                s.run(feeds).close();
            }
            double[] ms = new double[Math.max(1, repeats)];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                s.run(feeds).close();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return BenchFigures.median(ms);
        }
    }

    /** Encoder: fraction of codes that differ; decoder: max absolute pixel difference. */
    private static double agreement(OrtSession s, Map<String, OnnxTensor> feeds, SameDiff sd, Map<String, INDArray> sdFeeds,
            String out, boolean encoder) throws OrtException {
        INDArray d = sd.output(sdFeeds, out).get(out);
        try (OrtSession.Result r = s.run(feeds)) {
            OnnxTensor t = (OnnxTensor) r.get(out).orElseThrow();
            if (encoder) {
                long[] a = t.getLongBuffer().array();
                long[] b = d.castTo(DataType.LONG).data().asLong();
                long differ = 0;
                for (int i = 0; i < a.length; i++) {
                    differ += a[i] != b[i] ? 1 : 0;
                }
                return differ / (double) a.length;
            }
            FloatBuffer fb = t.getFloatBuffer();
            float[] b = d.data().asFloat();
            double max = 0;
            for (int i = 0; i < b.length; i++) {
                max = Math.max(max, Math.abs(fb.get(i) - b[i]));
            }
            return max;
        }
    }

    /** Random feeds for an exported graph's inputs, at {@code batch} for its first (dynamic) axis. */
    private Map<String, OnnxTensor> feeds(OrtSession s, int codes) throws OrtException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        OrtEnvironment env = OrtSessions.environment();
        for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
            TensorInfo info = (TensorInfo) e.getValue().getInfo();
            long[] shape = info.getShape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = i == 0 ? batch : 1;
                }
            }
            int n = Math.toIntExact(BenchFigures.product(java.util.Arrays.stream(shape).mapToInt(Math::toIntExact).toArray()));
            OnnxTensor t;
            if (info.type == OnnxJavaType.FLOAT) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rng.nextFloat() * 2 - 1;
                }
                t = OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
            } else if (info.type == OnnxJavaType.INT64) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rng.nextInt(codes);
                }
                t = OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            } else if (info.type == OnnxJavaType.UINT8) {
                byte[] v = new byte[n];
                rng.nextBytes(v);
                ByteBuffer bb = ByteBuffer.allocateDirect(n);
                bb.put(v).flip();
                t = OnnxTensor.createTensor(env, bb, shape, OnnxJavaType.UINT8);
            } else {
                throw new IllegalArgumentException("input " + e.getKey() + " has type " + info.type);
            }
            feeds.put(e.getKey(), t);
        }
        return feeds;
    }

    private void row(PrintWriter out, String what, double ms, long flops, MachinePeak peak) {
        double fps = batch / (ms / 1e3);
        if (flops < 0) {
            out.printf(Locale.ROOT, "  %-44s %10.2f %10.0f %10s %9s%n", what, ms, fps, "n/a", "");
        } else {
            double g = flops / (ms / 1e3) / 1e9;
            out.printf(Locale.ROOT, "  %-44s %10.2f %10.0f %10.1f %8.1f%%%n", what, ms, fps, g, peak.percent(g));
        }
    }
}
