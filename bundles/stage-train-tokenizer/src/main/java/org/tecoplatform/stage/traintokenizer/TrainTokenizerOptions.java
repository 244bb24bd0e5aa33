package org.tecoplatform.stage.traintokenizer;

import java.util.List;
import java.util.Locale;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;

/**
 * The {@code train_tokenizer:} section.
 *
 * @param steps            optimiser steps to train (the cosine schedule's length)
 * @param maxMinutes       training time budget in minutes over all runs (0: none); the schedule
 *                         follows whichever of steps and time is further along, so a cut-short run
 *                         still anneals
 * @param batchSize        frames per step
 * @param lr               peak learning rate
 * @param warmup           linear warm-up steps
 * @param codes            codebook size
 * @param embedDim         code vector width
 * @param channels         full-resolution width (the lower stages are twice as wide)
 * @param saveInterval     steps between checkpoints
 * @param logInterval      steps between progress status updates (loss and PSNR averaged over them)
 * @param deadCodeInterval steps between re-initialising codes unused since the last check (0: never)
 * @param evalFrames       held-out test frames the final PSNR is measured on
 * @param seed             parameter initialisation and data order
 */
record TrainTokenizerOptions(long steps, double maxMinutes, int batchSize, double lr, long warmup, int codes, int embedDim,
                             int channels, long saveInterval, long logInterval, long deadCodeInterval, int evalFrames, long seed) {

    static final String SECTION = "train_tokenizer";
    static final int GROUPS = 8;
    static final double BETA = 0.25;
    /*
     * Defaults measured on 64x64 maze frames on a 2-core machine (oneDNN-AVX512 ND4J build): batch 8,
     * width 16, 512 codes of 32 dims reach held-out PSNR >= 24 dB within the 10-minute budget
     * (~0.45 s a step, ~1300 steps); see README.md.
     */
    static final long DEFAULT_STEPS = 5000;
    static final int DEFAULT_BATCH = 8;
    static final long DEFAULT_WARMUP = 50;
    static final int DEFAULT_CODES = 512;
    static final int DEFAULT_CHANNELS = 16;

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.of("steps", OptionType.INTEGER, DEFAULT_STEPS, "optimiser steps (the length of the warm-up + cosine schedule)"),
            OptionSpec.of("max_minutes", OptionType.NUMBER, 10.0,
                    "training time budget in minutes, over resumed runs too; 0 for none. The learning rate schedule follows whichever of steps and time is further along"),
            OptionSpec.of("batch_size", OptionType.INTEGER, DEFAULT_BATCH, "frames per training step"),
            OptionSpec.of("lr", OptionType.NUMBER, 2e-3, "peak learning rate (AdamW)"),
            OptionSpec.of("warmup", OptionType.INTEGER, DEFAULT_WARMUP, "linear learning rate warm-up steps"),
            OptionSpec.of("n_codes", OptionType.INTEGER, DEFAULT_CODES, "codebook size"),
            OptionSpec.of("embed_dim", OptionType.INTEGER, 32, "code vector width"),
            OptionSpec.of("channels", OptionType.INTEGER, DEFAULT_CHANNELS, "network width at full resolution (a multiple of " + GROUPS + "); doubled below"),
            OptionSpec.of("save_interval", OptionType.INTEGER, 250, "steps between checkpoints (a re-run resumes from the newest)"),
            OptionSpec.of("log_interval", OptionType.INTEGER, 10, "steps between progress updates of loss and PSNR"),
            OptionSpec.of("dead_code_interval", OptionType.INTEGER, 100,
                    "steps between re-initialising codes no frame used since the last check from current encodings; 0 for never"),
            OptionSpec.of("eval_frames", OptionType.INTEGER, 256, "held-out (test split) frames the final PSNR is measured on"),
            OptionSpec.of("seed", OptionType.INTEGER, 0, "initialisation and data order seed (default: the config's seed)"));

    static TrainTokenizerOptions from(Settings config) {
        Settings s = config.section(SECTION);
        long seed = s.has("seed") ? s.getLong("seed") : config.has("seed") ? config.getLong("seed") : 0L;
        long steps = atLeast(s, "steps", DEFAULT_STEPS, 1);
        double maxMinutes = s.getDouble("max_minutes", 10.0);
        if (!(maxMinutes >= 0) || Double.isInfinite(maxMinutes)) {
            throw new BadInputException(SECTION + ".max_minutes: expected a number of minutes >= 0 (0 for no limit), found " + maxMinutes);
        }
        double lr = s.getDouble("lr", 2e-3);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new BadInputException(SECTION + ".lr: expected a learning rate > 0, found " + lr);
        }
        long warmup = atLeast(s, "warmup", DEFAULT_WARMUP, 0);
        if (warmup >= steps) {
            throw new BadInputException(SECTION + ".warmup: expected fewer warm-up steps than steps (" + steps + "), found " + warmup);
        }
        int channels = (int) atLeast(s, "channels", DEFAULT_CHANNELS, GROUPS);
        if (channels % GROUPS != 0) {
            throw new BadInputException(SECTION + ".channels: expected a multiple of " + GROUPS + " (GroupNorm groups), found " + channels);
        }
        return new TrainTokenizerOptions(steps, maxMinutes, (int) atLeast(s, "batch_size", DEFAULT_BATCH, 1), lr, warmup,
                (int) atLeast(s, "n_codes", DEFAULT_CODES, 2), (int) atLeast(s, "embed_dim", 32, 1), channels,
                atLeast(s, "save_interval", 250, 1), atLeast(s, "log_interval", 10, 1), atLeast(s, "dead_code_interval", 100, 0),
                (int) atLeast(s, "eval_frames", 256, 1), seed);
    }

    private static long atLeast(Settings s, String key, long fallback, long min) {
        long v = s.has(key) ? s.getLong(key) : fallback;
        if (v < min) {
            throw new BadInputException(SECTION + "." + key + ": expected an integer >= " + min + ", found " + v);
        }
        return v;
    }

    VqConfig model(int imageSize) {
        return new VqConfig(imageSize, channels, GROUPS, embedDim, codes, BETA);
    }

    /** What fixes the model's shapes: a checkpoint made with other values cannot be resumed. */
    String modelKey(int imageSize) {
        return String.format(Locale.ROOT, "image_size=%d channels=%d groups=%d embed_dim=%d n_codes=%d", imageSize, channels, GROUPS,
                embedDim, codes);
    }
}
