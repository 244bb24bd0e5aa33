package org.tecoplatform.model.teco;

import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.TokenizerInfo;
import org.tecoplatform.nn.GroupNorm;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * Every size TECO's network needs, read from the original config keys (configs/dmlab.yaml) plus
 * the VQ-GAN's latent grid, vocabulary and code width. Validated on construction, before any
 * graph is built: a bad combination is a {@link BadInputException} naming the keys, what was
 * expected and what was found.
 *
 * @param seqLen          {@code seq_len}: frames per training window (the transformer's length)
 * @param nCond           {@code n_cond}: leading frames kept continuous as conditioning
 * @param encoderDepths   {@code encoder.depths}; each further depth halves the grid
 * @param encoderBlocks   {@code encoder.blocks}
 * @param decoderDepths   {@code decoder.depths} (used reversed, as the original)
 * @param decoderBlocks   {@code decoder.blocks}
 * @param embeddingDim    {@code embedding_dim}: width of TECO's latents (cond, z, deter)
 * @param codes           {@code codebook.n_codes}
 * @param projDim         {@code codebook.proj_dim}
 * @param zDs             {@code z_ds}: patch size of z_proj / z_unproj
 * @param tfmEmbedDim     {@code z_tfm_kwargs.embed_dim}
 * @param tfmMlpDim       {@code z_tfm_kwargs.mlp_dim}
 * @param tfmHeads        {@code z_tfm_kwargs.num_heads}
 * @param tfmLayers       {@code z_tfm_kwargs.num_layers}
 * @param useActions      {@code use_actions}
 * @param actionDim       {@code action_dim}; id {@code action_dim} (the table's last row) = no action
 * @param actionEmbedDim  {@code action_embed_dim}
 * @param dropoutActions  {@code dropout_actions}
 * @param dropLossRate    {@code drop_loss_rate} in [0, 1) (null in the config = 0)
 * @param openLoopCtx     {@code open_loop_ctx}: frames observed before sampling starts
 * @param vqCodes         the VQ-GAN's vocabulary (the decoder's logits)
 * @param vqDim           the VQ-GAN's code vector width
 * @param latentHeight    the VQ-GAN's latent grid height
 * @param latentWidth     the VQ-GAN's latent grid width
 */
public record TecoConfig(int seqLen, int nCond, List<Integer> encoderDepths, int encoderBlocks,
        List<Integer> decoderDepths, int decoderBlocks, int embeddingDim, int codes, int projDim, int zDs,
        int tfmEmbedDim, int tfmMlpDim, int tfmHeads, int tfmLayers, boolean useActions, int actionDim,
        int actionEmbedDim, boolean dropoutActions, double dropLossRate, int openLoopCtx, int vqCodes, int vqDim,
        int latentHeight, int latentWidth) {

    public TecoConfig {
        encoderDepths = List.copyOf(encoderDepths);
        decoderDepths = List.copyOf(decoderDepths);
        positive("seq_len", seqLen);
        positive("n_cond", nCond);
        if (nCond >= seqLen) {
            throw bad("n_cond must be less than seq_len (" + seqLen + "), found " + nCond);
        }
        if (openLoopCtx < nCond) {
            throw bad("open_loop_ctx must be at least n_cond (" + nCond + "), found " + openLoopCtx);
        }
        depths("encoder.depths", encoderDepths);
        depths("decoder.depths", decoderDepths);
        positive("encoder.blocks", encoderBlocks);
        positive("decoder.blocks", decoderBlocks);
        if (decoderDepths.size() != encoderDepths.size()) {
            throw bad("decoder.depths must have as many entries as encoder.depths (" + encoderDepths.size()
                    + ", so the decoder upsamples back to the latent grid), found " + decoderDepths.size());
        }
        positive("embedding_dim", embeddingDim);
        positive("codebook.n_codes", codes);
        if (codes < 2) {
            throw bad("codebook.n_codes must be at least 2, found " + codes);
        }
        positive("codebook.proj_dim", projDim);
        positive("z_ds", zDs);
        positive("z_tfm_kwargs.embed_dim", tfmEmbedDim);
        positive("z_tfm_kwargs.mlp_dim", tfmMlpDim);
        positive("z_tfm_kwargs.num_heads", tfmHeads);
        positive("z_tfm_kwargs.num_layers", tfmLayers);
        if (tfmEmbedDim % tfmHeads != 0) {
            throw bad("z_tfm_kwargs.embed_dim " + tfmEmbedDim + " is not divisible by z_tfm_kwargs.num_heads "
                    + tfmHeads);
        }
        if (tfmEmbedDim % 2 != 0) {
            throw bad("z_tfm_kwargs.embed_dim must be even (sinusoidal positions), found " + tfmEmbedDim);
        }
        nonNegative("action_dim", actionDim);
        positive("action_embed_dim", actionEmbedDim);
        if (!(dropLossRate >= 0 && dropLossRate < 1)) {
            throw bad("drop_loss_rate must be in [0, 1), found " + dropLossRate);
        }
        positive("VQ-GAN vocabulary", vqCodes);
        positive("VQ-GAN embedding dim", vqDim);
        positive("VQ-GAN latent height", latentHeight);
        positive("VQ-GAN latent width", latentWidth);
        int ds = 1 << (encoderDepths.size() - 1);
        if (latentHeight % ds != 0 || latentWidth % ds != 0) {
            throw bad("latent grid " + latentHeight + "x" + latentWidth + " is not divisible by the encoder's "
                    + "downsampling " + ds + " (2^(len(encoder.depths) - 1), encoder.depths " + encoderDepths + ")");
        }
        int zh = latentHeight / ds;
        int zw = latentWidth / ds;
        if (zh % zDs != 0 || zw % zDs != 0) {
            throw bad("latent grid " + latentHeight + "x" + latentWidth + " / " + ds + " = " + zh + "x" + zw
                    + " is not divisible by z_ds " + zDs);
        }
    }

    /** Reads the original TECO keys from {@code config} and the tokenizer's grid from {@code vq}. */
    public static TecoConfig from(Settings config, TokenizerInfo vq) {
        // Every original config trains without dropout, and this model has none: refuse a value it would ignore.
        for (String key : new String[] {"z_tfm_kwargs.dropout", "z_tfm_kwargs.attention_dropout"}) {
            if (config.has(key) && config.getDouble(key) != 0) {
                throw bad(key + " must be 0 (the temporal transformer has no dropout; every TECO config uses 0), found "
                        + config.getDouble(key));
            }
        }
        Object rate = config.get("drop_loss_rate");
        return new TecoConfig(
                config.getInt("seq_len"),
                config.getInt("n_cond"),
                config.getIntList("encoder.depths"),
                config.getInt("encoder.blocks"),
                config.getIntList("decoder.depths"),
                config.getInt("decoder.blocks"),
                config.getInt("embedding_dim"),
                config.getInt("codebook.n_codes"),
                config.getInt("codebook.proj_dim"),
                config.getInt("z_ds"),
                config.getInt("z_tfm_kwargs.embed_dim"),
                config.getInt("z_tfm_kwargs.mlp_dim"),
                config.getInt("z_tfm_kwargs.num_heads"),
                config.getInt("z_tfm_kwargs.num_layers"),
                config.getBoolean("use_actions"),
                config.getInt("action_dim"),
                config.getInt("action_embed_dim"),
                config.getBoolean("dropout_actions"),
                rate == null ? 0.0 : config.getDouble("drop_loss_rate"),
                config.getInt("open_loop_ctx"),
                vq.codes(), vq.embeddingDim(), vq.latentHeight(), vq.latentWidth());
    }

    /**
     * Checks the model's keys without a tokenizer (before a run starts, and in {@code teco config show}):
     * everything {@link #from} checks except what depends on the VQ-GAN's grid, checked once it is known.
     */
    public static void check(Settings config) {
        int ds = 1 << Math.max(0, Math.min(16, config.getIntList("encoder.depths").size() - 1));
        int grid = ds * Math.max(1, config.getInt("z_ds"));
        from(config, new TokenizerInfo(2, 1, grid, grid, grid * 4));
    }

    /** A builder starting from the DMLab config (configs/dmlab.yaml, VQ-GAN 16x16 x 64, 1024 codes). */
    public static Builder builder() {
        return new Builder();
    }

    /** The original DMLab model. */
    public static TecoConfig dmlab() {
        return builder().build();
    }

    // ---- derived sizes ----

    /** Downsampling of the posterior encoder: 2^(len(encoder.depths) − 1). */
    public int encoderDownsampling() {
        return 1 << (encoderDepths.size() - 1);
    }

    /** TECO's latent grid height (the original's z_shape[0]). */
    public int zHeight() {
        return latentHeight / encoderDownsampling();
    }

    public int zWidth() {
        return latentWidth / encoderDownsampling();
    }

    /** The transformer's token grid per frame (z_tfm_shape). */
    public int tfmHeight() {
        return zHeight() / zDs;
    }

    public int tfmWidth() {
        return zWidth() / zDs;
    }

    /** Tokens per frame in the temporal transformer. */
    public int tokensPerFrame() {
        return tfmHeight() * tfmWidth();
    }

    /** Frames whose deter the model predicts in a window: seq_len − n_cond. */
    public int predictedFrames() {
        return seqLen - nCond;
    }

    /** Frames the decoder and prior losses use per step: max(1, ⌊(1 − drop_loss_rate)·(T − n_cond)⌋). */
    public int lossFrames() {
        if (dropLossRate <= 0) {
            return predictedFrames();
        }
        return Math.max(1, (int) ((1 - dropLossRate) * predictedFrames()));
    }

    /** The action id meaning "no action" (the action table's last row, −1 in the original). */
    public int noAction() {
        return actionDim;
    }

    /** The shape TECO's prior is built for: the z grid, TECO's codes, deter's width. */
    public PriorShape priorShape() {
        return new PriorShape(zHeight(), zWidth(), codes, embeddingDim);
    }

    // ---- validation helpers ----

    private static BadInputException bad(String message) {
        return new BadInputException("TECO config: " + message);
    }

    private static void positive(String key, int v) {
        if (v <= 0) {
            throw bad(key + " must be positive, found " + v);
        }
    }

    private static void nonNegative(String key, int v) {
        if (v < 0) {
            throw bad(key + " must not be negative, found " + v);
        }
    }

    private static void depths(String key, List<Integer> depths) {
        if (depths.isEmpty()) {
            throw bad(key + " must list at least one depth, found []");
        }
        for (int d : depths) {
            if (d <= 0 || d % GroupNorm.GROUPS != 0) {
                throw bad(key + " entries must be positive multiples of " + GroupNorm.GROUPS
                        + " (GroupNorm groups), found " + depths);
            }
        }
    }

    /** Settable copy of every field; starts from DMLab's values. */
    public static final class Builder {
        private int seqLen = 300;
        private int nCond = 1;
        private List<Integer> encoderDepths = List.of(256, 512);
        private int encoderBlocks = 2;
        private List<Integer> decoderDepths = List.of(256, 512);
        private int decoderBlocks = 4;
        private int embeddingDim = 64;
        private int codes = 1024;
        private int projDim = 32;
        private int zDs = 8;
        private int tfmEmbedDim = 1024;
        private int tfmMlpDim = 4096;
        private int tfmHeads = 16;
        private int tfmLayers = 8;
        private boolean useActions = true;
        private int actionDim = 6;
        private int actionEmbedDim = 16;
        private boolean dropoutActions = true;
        private double dropLossRate = 0.9;
        private int openLoopCtx = 36;
        private int vqCodes = 1024;
        private int vqDim = 64;
        private int latentHeight = 16;
        private int latentWidth = 16;

        private Builder() {
        }

        public Builder seqLen(int v) { seqLen = v; return this; }
        public Builder nCond(int v) { nCond = v; return this; }
        public Builder encoder(List<Integer> depths, int blocks) { encoderDepths = new ArrayList<>(depths); encoderBlocks = blocks; return this; }
        public Builder decoder(List<Integer> depths, int blocks) { decoderDepths = new ArrayList<>(depths); decoderBlocks = blocks; return this; }
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder codebook(int nCodes, int proj) { codes = nCodes; projDim = proj; return this; }
        public Builder zDs(int v) { zDs = v; return this; }
        public Builder transformer(int embedDim, int mlpDim, int heads, int layers) {
            tfmEmbedDim = embedDim; tfmMlpDim = mlpDim; tfmHeads = heads; tfmLayers = layers; return this;
        }
        public Builder actions(boolean use, int dim, int embedDim, boolean dropout) {
            useActions = use; actionDim = dim; actionEmbedDim = embedDim; dropoutActions = dropout; return this;
        }
        public Builder dropLossRate(double v) { dropLossRate = v; return this; }
        public Builder openLoopCtx(int v) { openLoopCtx = v; return this; }
        public Builder vq(int vocabulary, int dim, int height, int width) {
            vqCodes = vocabulary; vqDim = dim; latentHeight = height; latentWidth = width; return this;
        }
        public Builder vq(TokenizerInfo info) { return vq(info.codes(), info.embeddingDim(), info.latentHeight(), info.latentWidth()); }

        public TecoConfig build() {
            return new TecoConfig(seqLen, nCond, encoderDepths, encoderBlocks, decoderDepths, decoderBlocks,
                    embeddingDim, codes, projDim, zDs, tfmEmbedDim, tfmMlpDim, tfmHeads, tfmLayers, useActions,
                    actionDim, actionEmbedDim, dropoutActions, dropLossRate, openLoopCtx, vqCodes, vqDim,
                    latentHeight, latentWidth);
        }
    }
}
