package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco train}: train TECO on the token cache of a run folder (the pipeline's {@code train} stage). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train TECO (DL4J) on the run folder's token cache (DIR/tokenize). Shows a progress bar with the",
            "loss parts every log_interval steps, appends them to DIR/train/metrics.csv, checkpoints every",
            "save_interval steps with the ONNX inference graphs beside each; running the same command again",
            "resumes from the newest complete checkpoint. A NaN or infinite loss stops the run, naming the step.",
            "",
            "Example:  teco train configs/quickstart.yaml -o runs/quickstart --set total_steps=500"})
final class TrainCommand extends StageCommand {

    @Override
    String stage() {
        return "train";
    }
}
