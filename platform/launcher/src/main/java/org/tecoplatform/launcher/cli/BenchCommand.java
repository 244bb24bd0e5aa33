package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco bench ...}: measurements on this machine, printed with the command that made them. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput on this machine. Compare figures as ratios taken in one run:",
            "shared machines are noisy."},
        subcommands = {BenchDataCommand.class, BenchTrainCommand.class, BenchTokenizeCommand.class, BenchSampleCommand.class})
final class BenchCommand {
}
