package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco config ...}: look at configs. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Inspect configs.",
        subcommands = {ConfigShowCommand.class})
final class ConfigCommand {
}
