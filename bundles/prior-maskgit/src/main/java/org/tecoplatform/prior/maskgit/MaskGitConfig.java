package org.tecoplatform.prior.maskgit;

import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;
import org.tecoplatform.nn.prior.PriorShape;

/**
 * The MaskGit prior's settings, read from the original's keys ({@code z_git.*}, {@code T_draft},
 * {@code T_revise}, {@code M}) and the plugin's own section ({@code maskgit.*}).
 *
 * @param vocabDim    width of the token table and the MLM head ({@code z_git.vocab_dim})
 * @param schedule    the training mask schedule ({@code z_git.mask_schedule})
 * @param embedDim    transformer width ({@code z_git.tfm_kwargs.embed_dim})
 * @param mlpDim      transformer MLP width
 * @param numHeads    attention heads
 * @param numLayers   transformer layers
 * @param draftSteps  chunks of the draft round ({@code T_draft})
 * @param reviseSteps chunks of each revise round ({@code T_revise})
 * @param reviseRounds revise rounds ({@code M})
 * @param temperature sampling temperature (1 = the original; 0 = argmax)
 * @param topK        sample among the k largest logits (0 = full softmax, the original)
 */
record MaskGitConfig(int vocabDim, MaskSchedule schedule, int embedDim, int mlpDim, int numHeads, int numLayers,
                     int draftSteps, int reviseSteps, int reviseRounds, double temperature, int topK) {

    static final String SECTION = "maskgit";
    static final double DEFAULT_TEMPERATURE = 1.0;
    static final int DEFAULT_TOP_K = 0;

    /** Reads and checks every value against the grid it will run on. */
    static MaskGitConfig from(PriorShape shape, Settings config) {
        int length = shape.length();
        int vocabDim = atLeast(config, "z_git.vocab_dim", 1);
        String scheduleName = config.getString("z_git.mask_schedule");
        MaskSchedule schedule;
        try {
            schedule = MaskSchedule.parse(scheduleName);
        } catch (IllegalArgumentException e) {
            throw bad(config, "z_git.mask_schedule", "cosine, uniform, pow<N> (e.g. pow2), log or exp", "'" + scheduleName + "'");
        }
        String tfm = "z_git.tfm_kwargs.";
        int embedDim = atLeast(config, tfm + "embed_dim", 1);
        int mlpDim = atLeast(config, tfm + "mlp_dim", 1);
        int numHeads = atLeast(config, tfm + "num_heads", 1);
        int numLayers = atLeast(config, tfm + "num_layers", 0);
        if (embedDim % numHeads != 0) {
            throw bad(config, tfm + "embed_dim", "a multiple of num_heads (" + numHeads + ")", embedDim);
        }
        if (embedDim < 2) {
            // Broadcast position embeddings give each of the two grid axes its own chunk of the width.
            throw bad(config, tfm + "embed_dim", "at least 2 (one chunk per grid axis)", embedDim);
        }
        for (String key : new String[] {"dropout", "attention_dropout"}) {
            if (config.has(tfm + key) && config.getDouble(tfm + key) != 0) {
                throw bad(config, tfm + key, "0 (this MaskGit has no dropout layers; every TECO config uses 0)", config.getDouble(tfm + key));
            }
        }
        int draft = between(config, "T_draft", 1, length);
        int revise = between(config, "T_revise", 1, length);
        int rounds = atLeast(config, "M", 0);

        Settings own = config.section(SECTION);
        double temperature = own.getDouble("temperature", DEFAULT_TEMPERATURE);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw bad(own, "temperature", "a finite number >= 0 (1 = the original, 0 = argmax)", temperature);
        }
        int topK = own.getInt("top_k", DEFAULT_TOP_K);
        if (topK < 0) {
            throw bad(own, "top_k", "an integer >= 0 (0 = the full softmax)", topK);
        }
        return new MaskGitConfig(vocabDim, schedule, embedDim, mlpDim, numHeads, numLayers, draft, revise, rounds, temperature,
                Math.min(topK, shape.codes()));
    }

    /** As the config's own errors read: the full dotted key, what was expected, what was found. */
    private static BadInputException bad(Settings config, String key, String expected, Object found) {
        String full = config.prefix().isEmpty() ? key : config.prefix() + "." + key;
        return new BadInputException("config key '" + full + "' must be " + expected + ", found " + found);
    }

    private static int atLeast(Settings config, String key, int min) {
        int v = config.getInt(key);
        if (v < min) {
            throw bad(config, key, "an integer >= " + min, v);
        }
        return v;
    }

    private static int between(Settings config, String key, int min, int max) {
        int v = config.getInt(key);
        if (v < min || v > max) {
            throw bad(config, key, "an integer from " + min + " to " + max + " (the latent grid's positions)", v);
        }
        return v;
    }
}
