package org.tecoplatform.launcher.cli;

import picocli.CommandLine.Command;

/** {@code teco tokenize}: dataset → tokenizer → Arrow token cache (the encoded dataset). */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Encode every episode of the config's dataset with its tokenizer (vqvae_ckpt, or the run's",
            "train_tokenizer output) into the Arrow token cache under DIR/tokenize. Resumable: complete shards are kept.",
            "",
            "Example:  teco tokenize configs/dmlab.yaml -o runs/dmlab --set data_path=/data/dmlab --set vqvae_ckpt=/models/vqgan"})
final class TokenizeCommand extends StageCommand {

    @Override
    String stage() {
        return "tokenize";
    }
}
