package org.tecoplatform.stage.traintokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.dataset.maze.MazeDatasetReader;
import org.tecoplatform.pipeline.config.ConfigSettings;

/**
 * Not a test: trains the tokenizer on 64×64 maze frames for real and prints loss/PSNR over time
 * and the held-out PSNR of the exported directory. Run by hand:
 * {@code mvn -o -f bundles/stage-train-tokenizer/pom.xml test-compile exec:java ...} or from an IDE, with
 * arguments {@code key=value} overriding {@code train_tokenizer} options (e.g. {@code max_minutes=10 channels=16}).
 */
public final class MazeTrainingBenchmark {

    private MazeTrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> section = new HashMap<>();
        section.put("max_minutes", 10.0);
        Path out = Files.createTempDirectory("train-tokenizer-bench");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv[0].equals("out")) {
                out = Path.of(kv[1]);
                continue;
            }
            section.put(kv[0], kv[1].contains(".") ? (Object) Double.parseDouble(kv[1]) : (Object) Long.parseLong(kv[1]));
        }
        Map<String, Object> config = new HashMap<>();
        config.put("seed", 1);
        config.put("seq_len", 300);
        config.put("maze", Map.of("size", 64, "train_episodes", 200, "test_episodes", 20));
        config.put(TrainTokenizerOptions.SECTION, section);
        Settings settings = ConfigSettings.of(config, out);
        MazeDatasetReader maze = new MazeDatasetReader();
        TrainTokenizerOptions o = TrainTokenizerOptions.from(settings);
        VqConfig model = o.model(64);
        System.out.println("options " + o);
        long t0 = System.nanoTime();
        VqTrainer.Result r = VqTrainer.train(maze, settings, o, model, out.resolve("checkpoints"),
                rep -> System.out.printf(Locale.ROOT, "%7.1f s  %s%n", rep.seconds(), rep.text()), () -> { });
        Path dir = out.resolve("tokenizer");
        TokenizerExport.write(dir, model, r.params(), r.step());
        double heldOut = HeldOutPsnr.measure(dir, maze, settings, o.evalFrames(), 32, 12345);
        System.out.printf(Locale.ROOT, "trained %d steps in %.1f s (%.1f s this run, %.2f s/step); final train loss %.4f, train psnr %.2f; held-out psnr %.2f dB (%d test frames); total %.1f s; %s%n",
                r.step(), r.seconds(), r.thisRunSeconds(), r.thisRunSeconds() / Math.max(1, r.step() - r.resumedFrom()), r.finalLoss(),
                r.finalPsnr(), heldOut, o.evalFrames(), (System.nanoTime() - t0) / 1e9, dir);
    }
}
