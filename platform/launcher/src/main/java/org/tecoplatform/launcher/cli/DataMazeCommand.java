package org.tecoplatform.launcher.cli;

import org.tecoplatform.api.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
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

    /** The options the folder's episodes were made with: files already present are only kept if they match. */
    static final String OPTIONS = ".teco-maze-options";

    @Override
    public Integer call() throws Exception {
        for (var v : Map.of("--length", length, "--size", size).entrySet()) {
            if (v.getValue() < 1) {
                throw new BadInputException(v.getKey() + " must be at least 1, found " + v.getValue());
            }
        }
        if (train < 0 || test < 0) {
            throw new BadInputException("--train and --test must be at least 0, found " + train + " and " + test);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("maze.train_episodes", train);
        values.put("maze.test_episodes", test);
        values.put("maze.episode_length", length);
        values.put("maze.size", size);
        values.put("maze.seed", seed);
        Path dir = OutputPaths.folder("--out", out);
        DatasetSummary summary;
        try (TecoRuntime rt = runtime.start(List.of())) {
            DatasetRun run = DatasetRun.of(rt, "maze", values, overrides);
            String options = options(run.config().settings().section("maze"));
            checkEarlier(dir, options);
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(OPTIONS), options);
            summary = run.read(dir, true, !uncompressed);
        }
        summary.write(dir.resolve("summary.json"));
        spec.commandLine().getOut().println("Wrote " + summary.oneLine() + " to " + dir);
        return ExitCodes.OK;
    }

    /** Every option that decides an episode's bytes (not the episode counts), one {@code key=value} a line. */
    static String options(Settings maze) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeSet<>(maze.keys()).stream().filter(k -> !k.endsWith("_episodes"))
                .forEach(k -> b.append(k).append('=').append(maze.get(k)).append('\n'));
        return b.toString();
    }

    /** Refuses a folder whose episodes were made with other options: they would stay under a summary stating these. */
    static void checkEarlier(Path dir, String options) throws java.io.IOException {
        Path earlier = dir.resolve(OPTIONS);
        boolean episodes = Files.isDirectory(dir.resolve("train")) || Files.isDirectory(dir.resolve("test"));
        if (Files.isRegularFile(earlier) ? !Files.readString(earlier).equals(options) : episodes) {
            String found = Files.isRegularFile(earlier) ? Files.readString(earlier).strip().replace('\n', ' ')
                    : "episodes of unknown options";
            throw new BadInputException("--out " + dir + " holds a maze dataset made with other options (" + found
                    + "); this command makes " + options.strip().replace('\n', ' ')
                    + ": choose another folder, or delete that one first");
        }
    }
}
