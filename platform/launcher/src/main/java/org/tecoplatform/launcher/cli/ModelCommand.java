package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco model ...}: look at and export trained models. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect and export trained models.",
        subcommands = {ModelSummaryCommand.class, ModelExportParamsCommand.class})
final class ModelCommand {
}
