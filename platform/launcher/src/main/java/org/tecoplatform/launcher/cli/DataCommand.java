package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco data ...}: make and check datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Make and check datasets.",
        subcommands = {DataMazeCommand.class, DataInspectCommand.class})
final class DataCommand {
}
