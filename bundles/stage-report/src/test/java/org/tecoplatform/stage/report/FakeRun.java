package org.tecoplatform.stage.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.MetricStats;
import org.tecoplatform.data.eval.SetStats;

/** A tiny run folder with every file the report reads, in the layouts the stages write them. */
final class FakeRun {

    static final String METRICS_CSV = """
            step,lr,loss,recon_loss,trans_loss,commitment_loss,codebook_loss,perplexity,seconds
            10,3.000000e-05,5.123000,0.4100000,4.600000,0.06000000,0.06300000,12.50000,1.250
            20,6.000000e-05,4.012000,0.3300000,3.620000,0.03000000,0.03200000,40.20000,2.500
            30,9.000000e-05,3.500000,0.2900000,nan,0.02000000,0.01900000,60.00000,3.750
            """;

    private FakeRun() {
    }

    static Map<String, Object> config() {
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("dataset", "maze");
        pipeline.put("tokenizer", "vqgan-onnx");
        pipeline.put("prior", "maskgit");
        pipeline.put("metrics", java.util.List.of("psnr", "ssim"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("pipeline", pipeline);
        config.put("seq_len", 16);
        config.put("open_loop_ctx", 4);
        return config;
    }

    /** Writes every input; returns the GIF's bytes. */
    static byte[] writeAll(Path run) throws IOException {
        Files.createDirectories(run.resolve("train"));
        Files.writeString(run.resolve("train/metrics.csv"), METRICS_CSV);
        Files.writeString(run.resolve("train/train.json"), """
                {"steps": 30, "resumed_from_step": 0, "seconds": 3.75, "stopped_by_time_budget": false, "parameters": 1234,
                 "metrics": "metrics.csv", "stage_seconds": 5.5}
                """);
        Files.createDirectories(run.resolve("train_tokenizer"));
        Files.writeString(run.resolve("train_tokenizer/train_tokenizer.json"), """
                {"dataset": "maze", "steps": 200, "resumed_from_step": 0, "seconds": 65.000, "stopped_by_time_budget": true,
                 "final_train_loss": 0.012345, "final_train_psnr": 27.5, "held_out_psnr": 26.875, "held_out_frames": 64,
                 "tokenizer": "tokenizer", "model": {"image_size": 64, "channels": 16, "groups": 8, "embed_dim": 64, "n_codes": 1024, "beta": 0.25},
                 "stage_seconds": 70.250}
                """);
        Files.createDirectories(run.resolve("sample"));
        Files.writeString(run.resolve("sample/sample.json"), """
                {"checkpoint": "/x/train/checkpoints/30", "samples": "samples_4", "videos": 3, "frames": 8, "open_loop_ctx": 4,
                 "include_actions": false, "gif": "samples.gif", "cache": true, "seed": 1, "generated_frames": 12, "rollout_seconds": 0.5,
                 "generated_frames_per_second": 24.0, "seconds": 0.75,
                 "sets": [{"samples": "samples_4", "include_actions": false, "gif": "samples.gif", "videos": 3},
                          {"samples": "samples_action_4", "include_actions": true, "gif": "samples_action.gif", "videos": 3,
                           "strip": "samples_action_strip.png", "strip_frames": [3, 4, 7]}]}
                """);
        byte[] gif = gif();
        Files.write(run.resolve("sample/samples.gif"), gif);
        Files.write(run.resolve("sample/samples_action.gif"), gif);
        ImageIO.write(new java.awt.image.BufferedImage(12, 6, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                run.resolve("sample/samples_action_strip.png").toFile());
        writeEval(run);
        return gif;
    }

    /** eval.json as the eval stage writes it: teco-data's EvalSummary.writeAll, one summary per samples folder. */
    static void writeEval(Path run) throws IOException {
        Map<String, MetricStats> model = new LinkedHashMap<>();
        model.put("psnr", new MetricStats(21.304, 0.4123, 3, new double[] {23.5, 21.0, Double.POSITIVE_INFINITY, 19.4}, true));
        model.put("ssim", new MetricStats(0.81234, 0.0031, 3, new double[] {0.9, 0.82, 0.8, 0.75}, true));
        Map<String, MetricStats> copied = new LinkedHashMap<>();
        copied.put("psnr", new MetricStats(19.02, 0.37, 3, new double[] {22.0, 19.5, 18.1, 16.5}, true));
        copied.put("ssim", new MetricStats(0.7, 0.05, 3, new double[] {0.8, 0.7, 0.66, 0.64}, true));
        EvalSummary s = new EvalSummary("samples_4", 4, 8, 16, 16, 3, 3, 1, 0, model,
                new EvalSummary.Baseline(EvalSummary.Baseline.COPY_LAST_FRAME, copied));
        EvalSummary.writeAll(Map.of("samples_4", s), run.resolve("eval/eval.json"));
    }

    /**
     * eval.json of a run scored with psnr, lpips and fvd: LPIPS per frame (lower is better) and FVD/KVD
     * of the whole set, for two samples folders, as teco-data's EvalSummary writes them.
     */
    static void writeEvalWithLearnedMetrics(Path run) throws IOException {
        Map<String, EvalSummary> all = new LinkedHashMap<>();
        for (String name : java.util.List.of("samples_4", "samples_action_4")) {
            Map<String, MetricStats> model = new LinkedHashMap<>();
            model.put("psnr", new MetricStats(21.304, 0.4123, 32, new double[] {23.5, 21.0, 20.2, 19.4}, true));
            model.put("lpips", new MetricStats(0.1234, 0.021, 32, new double[] {0.08, 0.11, 0.14, 0.16}, false));
            Map<String, MetricStats> copied = new LinkedHashMap<>();
            copied.put("psnr", new MetricStats(19.02, 0.37, 32, new double[] {22.0, 19.5, 18.1, 16.5}, true));
            copied.put("lpips", new MetricStats(0.2345, 0.03, 32, new double[] {0.1, 0.2, 0.3, 0.33}, false));
            Map<String, SetStats> sets = new LinkedHashMap<>();
            sets.put("fvd", new SetStats(123.456, 0, 1, 256, 32, 110.25, 140.5, 0.95, 100, 7, false));
            sets.put("kvd", new SetStats(0.000123, 0, 1, 256, 32, -0.0004, 0.0009, 0.95, 100, 7, false));
            Map<String, SetStats> baseSets = new LinkedHashMap<>();
            baseSets.put("fvd", new SetStats(456.75, 0, 1, 256, 32, 400.5, 520.25, 0.95, 100, 7, false));
            baseSets.put("kvd", new SetStats(0.0005, 0, 1, 256, 32, 0.0001, 0.0012, 0.95, 100, 7, false));
            all.put(name, new EvalSummary(name, 4, 8, 16, 16, 3, 32, 1, 0, model,
                    new EvalSummary.Baseline(EvalSummary.Baseline.COPY_LAST_FRAME, copied, baseSets), sets));
        }
        EvalSummary.writeAll(all, run.resolve("eval/eval.json"));
    }

    /** A two-frame 8×4 animated GIF. */
    static byte[] gif() throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        var bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (int f = 0; f < 2; f++) {
                BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 8; x++) {
                        img.setRGB(x, y, x < 4 ? 0x2e7d32 : f == 0 ? 0x2e7d32 : 0xc62828);
                    }
                }
                w.writeToSequence(new IIOImage(img, null, null), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }
}
