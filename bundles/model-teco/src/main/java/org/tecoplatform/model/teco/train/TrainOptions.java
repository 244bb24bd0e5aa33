package org.tecoplatform.model.teco.train;

import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;

/**
 * What the trainer reads from the config: the original TECO's training keys (batch_size, lr,
 * weight_decay, total_steps, warmup_steps, save_interval, log_interval, seed) and the stage's own
 * section {@code train}.
 */
record TrainOptions(int batchSize, double lr, String schedule, double weightDecay, long totalSteps, long warmupSteps,
                    long saveInterval, long logInterval, long seed, double maxMinutes, int keepCheckpoints, boolean export) {

    static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("max_minutes", OptionType.NUMBER, 0.0,
                    "stop after this many minutes of training (counting earlier runs of this folder); 0 = no limit"),
            new OptionSpec("keep_checkpoints", OptionType.INTEGER, 2, "checkpoints kept on disk (the newest ones)"),
            new OptionSpec("export", OptionType.BOOLEAN, true,
                    "write the ONNX inference graphs (observe, temporal step, prior, decoder) beside each checkpoint"));

    static TrainOptions from(Settings config) {
        TrainOptions o = new TrainOptions(
                config.getInt("batch_size"),
                config.getDouble("lr"),
                config.getString("lr_schedule", "cosine"),
                config.getDouble("weight_decay", 0.0),
                config.getLong("total_steps"),
                config.has("warmup_steps") ? config.getLong("warmup_steps") : 0,
                config.has("save_interval") ? config.getLong("save_interval") : config.getLong("total_steps"),
                config.has("log_interval") ? config.getLong("log_interval") : 100,
                config.has("seed") ? config.getLong("seed") : 0,
                config.getDouble("train.max_minutes", 0.0),
                config.getInt("train.keep_checkpoints", 2),
                config.getBoolean("train.export", true));
        o.check();
        return o;
    }

    private void check() {
        positive("batch_size", batchSize);
        positive("total_steps", totalSteps);
        positive("save_interval", saveInterval);
        positive("log_interval", logInterval);
        positive("train.keep_checkpoints", keepCheckpoints);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new BadInputException("lr must be a positive number, found " + lr);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new BadInputException("warmup_steps must be in [0, total_steps = " + totalSteps + "], found " + warmupSteps);
        }
        if ("cosine".equals(schedule) && warmupSteps >= totalSteps - warmupSteps) {
            // The original's cosine schedule decays over total_steps - warmup_steps steps (optax), which must outlast the warm-up.
            throw new BadInputException("warmup_steps (" + warmupSteps + ") must be less than total_steps - warmup_steps ("
                    + (totalSteps - warmupSteps) + ") for lr_schedule 'cosine'; lower warmup_steps or raise total_steps");
        }
        if (!List.of("cosine", "constant").contains(schedule)) {
            throw new BadInputException("lr_schedule must be 'cosine' or 'constant', found '" + schedule + "'");
        }
        if (weightDecay < 0) {
            throw new BadInputException("weight_decay must be at least 0, found " + weightDecay);
        }
        if (maxMinutes < 0) {
            throw new BadInputException("train.max_minutes must be at least 0, found " + maxMinutes);
        }
    }

    private static void positive(String key, long v) {
        if (v <= 0) {
            throw new BadInputException(key + " must be positive, found " + v);
        }
    }
}
