package org.tecoplatform.launcher.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teco run}: the config's stages, in order, into one output folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the stages a config lists (pipeline.stages), each writing under OUTPUT/<stage>.",
            "Finished stages are skipped on a re-run; an interrupted stage continues where it can.",
            "OUTPUT also gets config.resolved.yaml, bundles.json (plugin bundles and versions used) and teco.log.",
            "",
            "Examples:",
            "  teco run configs/quickstart.yaml -o runs/quickstart",
            "  teco run configs/dmlab.yaml -o runs/dmlab --set data_path=/data/dmlab --stages tokenize,train"})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output folder (default: runs/<config name>).")
    Path output;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            description = "Run only these stages of the config's list (comma-separated).")
    List<String> stages = new ArrayList<>();

    @Option(names = "--force", description = "Redo finished stages (a finished stage's folder is kept aside until it finishes again, "
                    + "and put back if it fails).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return PipelineRun.execute(config, runtime, output, stages, force, null, spec.commandLine().getOut());
    }
}
