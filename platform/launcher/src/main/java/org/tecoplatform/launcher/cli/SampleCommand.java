package org.tecoplatform.launcher.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tecoplatform.api.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code teco sample RUN_DIR}: the {@code sample} stage again on a trained run, with the run's own
 * resolved config and the flags as overrides (always redone: sampling is cheap next to training).
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample videos from a trained run on ONNX Runtime: the newest checkpoint of RUN_DIR/train, the",
            "first test episodes as context, the original samples layout (samples[_action]_<ctx>/data_<i>.npz with",
            "'real' and 'fake') plus samples.gif and sample.json under RUN_DIR/sample (or -o DIR).",
            "",
            "Example:  teco sample runs/quickstart -n 16 --open-loop-ctx 4 --seed 3 --actions both",
            "          teco sample runs/quickstart --no-cache -o runs/quickstart/sample-nocache"})
final class SampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a trained model (teco run / teco train).")
    Path runDir;

    @Option(names = "-n", paramLabel = "N", description = "Videos to sample (default: the config's sample.n).")
    Integer videos;

    @Option(names = "--open-loop-ctx", paramLabel = "C", description = "Context frames (default: the config's open_loop_ctx).")
    Integer context;

    @Option(names = "--frames", paramLabel = "T", description = "Frames per video (default: the config's eval_seq_len).")
    Integer frames;

    @Option(names = "--actions", paramLabel = "MODE", description = {"Sample sets: given (the test episodes' actions, "
            + "samples_action_<ctx>), none ('no action', samples_<ctx>), both, or auto: both for a model trained with actions "
            + "(default: the config's sample.actions)."})
    String actions;

    @Option(names = "--include-actions", description = "The original's flag: the same as --actions given.")
    boolean includeActions;

    @Option(names = "--seed", paramLabel = "S", description = "Sampling seed (default: the config's seed).")
    Long seed;

    @Option(names = "--no-cache", description = "Recompute the whole temporal transformer for every frame, as the original does.")
    boolean noCache;

    @Option(names = "--cuda", description = "Use ONNX Runtime's CUDA execution provider (CPU with a notice when unavailable).")
    boolean cuda;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write the samples here instead of RUN_DIR/sample.")
    Path output;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other config override (sample.batch=4). Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    /**
     * The config the model was trained with, as its newest checkpoint saved it; else the run's
     * record. Not simply the run's record: every command rewrites that one, so an earlier
     * {@code teco sample -n 2 -o DIR} would otherwise carry its flags into the next.
     */
    static Path baseConfig(Path run) throws java.io.IOException {
        java.util.Optional<Path> ckpt = org.tecoplatform.nn.train.Checkpoints.latest(run.resolve("train/checkpoints"));
        if (ckpt.isPresent()) {
            Path saved = ckpt.get().resolve("config.yaml");
            if (Files.isRegularFile(saved)
                    && Files.readAllLines(saved).stream().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
                return saved;
            }
        }
        Path resolved = run.resolve("config.resolved.yaml");
        if (!Files.isRegularFile(resolved)) {
            throw new BadInputException(run + " is not a run folder: it has no config.resolved.yaml (made by teco run / teco train)");
        }
        return resolved;
    }

    @Override
    public Integer call() throws Exception {
        Path run = runDir.toAbsolutePath().normalize();
        ConfigOptions config = new ConfigOptions();
        config.config = baseConfig(run);
        List<String> sets = new ArrayList<>(overrides);
        if (!sets.stream().anyMatch(s -> s.startsWith("pipeline.stages="))) {
            sets.add("pipeline.stages=[sample]");
        }
        if (videos != null) {
            sets.add("sample.n=" + videos);
        }
        if (context != null) {
            sets.add("sample.open_loop_ctx=" + context);
        }
        if (frames != null) {
            sets.add("sample.frames=" + frames);
        }
        if (seed != null) {
            sets.add("sample.seed=" + seed);
        }
        if (includeActions && actions != null && !actions.equals("given")) {
            throw new BadInputException("--include-actions means --actions given; it cannot be combined with --actions " + actions);
        }
        if (includeActions || actions != null) {
            sets.add("sample.actions=" + (includeActions ? "given" : actions));
        }
        sets.add("sample.cache=" + !noCache);
        sets.add("sample.use_cuda=" + cuda);
        if (output != null) {
            sets.add("sample.out=" + OutputPaths.folder("-o", output));
        }
        config.overrides = sets;
        // With -o the run's own samples stay: the stage is redone without clearing RUN/sample.
        return PipelineRun.execute(config, runtime, run, new org.tecoplatform.pipeline.run.RunOptions(List.of(), true, output != null),
                "sample", spec.commandLine().getOut());
    }
}
