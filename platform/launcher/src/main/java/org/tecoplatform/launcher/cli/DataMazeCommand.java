package org.tecoplatform.launcher.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tecoplatform.data.export.DatasetSummary;
import org.tecoplatform.launcher.framework.TecoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teco data maze}: write a maze-world dataset in the DMLab npz layout. */
@Command(name = "maze", mixinStandardHelpOptions = true,
        description = {"Render maze-world episodes and write them in the DMLab npz layout:",
            "DIR/{train,test}/maze/<episode>.npz (video uint8 (T,H,W,3), actions int32 (T,)) and DIR/summary.json.",
            "The same seed gives byte-identical files; files already present are kept (an interrupted run continues).",
            "",
            "Example:  teco data maze --out data/maze --train 200 --test 20 --length 300 --seed 1",
            "          teco data inspect --dataset dmlab --path data/maze"})
final class DataMazeCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--train", paramLabel = "N", defaultValue = "200", description = "Training episodes (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", paramLabel = "N", defaultValue = "20", description = "Test episodes (default ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--length", paramLabel = "T", defaultValue = "300", description = "Frames per episode (default ${DEFAULT-VALUE}, as DMLab).")
    int length;

    @Option(names = "--size", paramLabel = "S", defaultValue = "64", description = "Frame height and width (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Dataset seed (default ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--uncompressed", description = "Write np.savez files instead of np.savez_compressed.")
    boolean uncompressed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other maze option, e.g. --set maze.grid=9.")
    List<String> overrides = new java.util.ArrayList<>();

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("maze.train_episodes", train);
        values.put("maze.test_episodes", test);
        values.put("maze.episode_length", length);
        values.put("maze.size", size);
        values.put("maze.seed", seed);
        Path dir = out.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        DatasetSummary summary;
        try (TecoRuntime rt = runtime.start(List.of())) {
            summary = DatasetRun.of(rt, "maze", values, overrides).read(dir, true, !uncompressed);
        }
        summary.write(dir.resolve("summary.json"));
        spec.commandLine().getOut().println("Wrote " + summary.oneLine() + " to " + dir);
        return ExitCodes.OK;
    }
}
