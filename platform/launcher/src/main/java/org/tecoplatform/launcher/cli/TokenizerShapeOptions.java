package org.tecoplatform.launcher.cli;

import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Tokenizer;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.api.TokenizerModel;
import org.tecoplatform.launcher.framework.TecoRuntime;
import picocli.CommandLine.Option;

/**
 * The tokenizer a model sits on, for commands that describe or time a model without a run: the
 * config's {@code vqvae_ckpt} when it names one, otherwise these flags (defaults: the original
 * DMLab VQ-GAN, 16×16 codes of 64 channels out of 1024).
 */
final class TokenizerShapeOptions {

    @Option(names = "--latent", paramLabel = "N", defaultValue = "16",
            description = "Tokenizer latent grid side when the config names no vqvae_ckpt (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--vq-codes", paramLabel = "K", defaultValue = "1024",
            description = "Tokenizer codebook size when the config names no vqvae_ckpt (default: ${DEFAULT-VALUE}).")
    int vqCodes;

    @Option(names = "--vq-dim", paramLabel = "D", defaultValue = "64",
            description = "Tokenizer code width when the config names no vqvae_ckpt (default: ${DEFAULT-VALUE}).")
    int vqDim;

    TokenizerInfo resolve(TecoRuntime rt, Settings settings) {
        if (!settings.has("vqvae_ckpt")) {
            int image = settings.getInt("image_size", latent * 4);
            return new TokenizerInfo(vqCodes, vqDim, latent, latent, image);
        }
        String name = settings.getString("pipeline.tokenizer", "vqgan-onnx");
        Tokenizer tokenizer = rt.catalog().require(PluginKind.TOKENIZER, Tokenizer.class, name);
        try (TokenizerModel m = tokenizer.open(settings.getPath("vqvae_ckpt"), settings)) {
            return m.info();
        }
    }
}
