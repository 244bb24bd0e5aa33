package org.tecoplatform.stage.traintokenizer;

import org.tecoplatform.api.BadInputException;

/**
 * The VQ autoencoder's sizes.
 *
 * @param imageSize square frame size; a multiple of 4 (the latent grid is {@code imageSize / 4})
 * @param channels  width of the full-resolution stage; the two lower stages are twice as wide
 * @param groups    GroupNorm groups (divides {@code channels})
 * @param embedDim  code vector width
 * @param codes     codebook rows
 * @param beta      commitment loss weight
 */
record VqConfig(int imageSize, int channels, int groups, int embedDim, int codes, double beta) {

    /** Spatial downsampling factor: two 2×2 average pools. */
    static final int DOWNSAMPLE = 4;

    VqConfig {
        if (imageSize < DOWNSAMPLE || imageSize % DOWNSAMPLE != 0) {
            throw new BadInputException("train_tokenizer: frames must be square with a size that is a multiple of " + DOWNSAMPLE
                    + " (the tokenizer downsamples 4x), found " + imageSize);
        }
        if (channels < 1 || groups < 1 || channels % groups != 0) {
            throw new BadInputException("train_tokenizer.channels: expected a positive multiple of " + groups
                    + " (GroupNorm groups), found " + channels);
        }
        if (embedDim < 1) {
            throw new BadInputException("train_tokenizer.embed_dim: expected an integer >= 1, found " + embedDim);
        }
        if (codes < 2) {
            throw new BadInputException("train_tokenizer.n_codes: expected an integer >= 2, found " + codes);
        }
    }

    int latent() {
        return imageSize / DOWNSAMPLE;
    }
}
