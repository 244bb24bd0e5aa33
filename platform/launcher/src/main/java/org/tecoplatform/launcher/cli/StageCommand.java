package org.tecoplatform.launcher.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that runs one pipeline stage of a config into a run folder ({@code teco tokenize},
 * {@code teco train-tokenizer}, ...): {@code teco run} with exactly that stage.
 */
abstract class StageCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Run folder (default: runs/<config name>).")
    Path output;

    @Option(names = "--force", description = "Redo the stage if it finished before (its folder is kept aside until it finishes again).")
    boolean force;

    @Spec
    CommandSpec spec;

    /** The stage this command runs. */
    abstract String stage();

    @Override
    public Integer call() throws Exception {
        return PipelineRun.execute(config, runtime, output, List.of(), force, stage(), spec.commandLine().getOut());
    }
}
