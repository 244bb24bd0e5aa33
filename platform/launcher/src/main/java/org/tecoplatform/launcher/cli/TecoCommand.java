package org.tecoplatform.launcher.cli;

import org.tecoplatform.launcher.logging.LogSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: {@code teco}. A new subcommand is one class listed here. */
@Command(name = "teco",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "TECO Platform: train, sample and evaluate long, temporally consistent videos.",
        description = {
            "Composes plugin bundles (datasets, tokenizers, priors, metrics, stages) by the names a config gives.",
            "",
            "Examples:",
            "  teco run configs/quickstart.yaml -o runs/quickstart",
            "  teco bundles --json",
            "  teco config show configs/dmlab.yaml --set batch_size=8"},
        footer = {"", "Exit codes: 0 success, 1 failure while running, 2 bad usage, config or input."},
        subcommands = {BundlesCommand.class, ConfigCommand.class, RunCommand.class, DataCommand.class,
            TrainTokenizerCommand.class, TokenizeCommand.class, TrainCommand.class, SampleCommand.class, EvalCommand.class, ModelCommand.class, BenchCommand.class,
            picocli.CommandLine.HelpCommand.class})
public final class TecoCommand {

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT, defaultValue = "info",
            description = "Console log level: error, warn, info, debug or trace (default: ${DEFAULT-VALUE}). "
                    + "The run's teco.log always gets debug.")
    void logLevel(String level) {
        LogSetup.consoleLevel(level);
    }
}
