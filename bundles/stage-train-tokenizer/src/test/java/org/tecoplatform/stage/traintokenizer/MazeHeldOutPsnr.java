package org.tecoplatform.stage.traintokenizer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tecoplatform.api.Settings;
import org.tecoplatform.dataset.maze.MazeDatasetReader;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** Not a test: held-out PSNR of an exported tokenizer directory on 64×64 maze test frames ({@code args[0]}: the directory). */
public final class MazeHeldOutPsnr {

    private MazeHeldOutPsnr() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("seed", 1);
        config.put("seq_len", 300);
        config.put("maze", Map.of("size", 64, "train_episodes", 200, "test_episodes", 20));
        Settings settings = ConfigSettings.of(config, Path.of("."));
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        long t0 = System.nanoTime();
        double psnr = HeldOutPsnr.measure(Path.of(args[0]), new MazeDatasetReader(), settings, frames, 32, TrainTokenizerStage.EVAL_SEED);
        System.out.printf(Locale.ROOT, "held-out psnr %.2f dB on %d maze test frames (%.1f s)%n", psnr, frames, (System.nanoTime() - t0) / 1e9);
    }
}
