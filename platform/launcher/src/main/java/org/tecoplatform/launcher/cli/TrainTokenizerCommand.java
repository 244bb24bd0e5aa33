package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco train-tokenizer}: train the small VQ tokenizer on DL4J and export it to the tokenizer directory contract. */
@Command(name = "train-tokenizer", mixinStandardHelpOptions = true,
        description = {"Train the config's small VQ autoencoder tokenizer on its dataset (DL4J) and export it as a",
            "tokenizer directory (encoder.onnx, decoder.onnx, codebook.npy, tokenizer.json) under DIR/train_tokenizer.",
            "",
            "Example:  teco train-tokenizer configs/quickstart.yaml -o runs/quickstart"})
final class TrainTokenizerCommand extends StageCommand {

    @Override
    String stage() {
        return "train_tokenizer";
    }
}
