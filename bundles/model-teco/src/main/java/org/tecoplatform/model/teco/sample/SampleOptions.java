package org.tecoplatform.model.teco.sample;

import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;

/** The {@code sample} section, with the original's {@code open_loop_ctx}, {@code eval_seq_len} and {@code seed} as defaults. */
record SampleOptions(int videos, int batch, String actions, boolean cache, long seed, int context, int frames, boolean useCuda,
                     int threads, boolean gif, String out, int window) {

    static final String AUTO = "auto";
    private static final List<String> ACTION_MODES = List.of(AUTO, "both", "given", "none");

    static final List<OptionSpec> SPECS = List.of(
            new OptionSpec("n", OptionType.INTEGER, 8, "videos to sample (the first n test episodes long enough)"),
            new OptionSpec("batch", OptionType.INTEGER, 8, "videos sampled together (one data_<i>.npz each batch)"),
            new OptionSpec("actions", OptionType.STRING, AUTO, "which sample sets: 'given' conditions on the test episodes' actions "
                    + "(samples_action_<ctx>), 'none' on 'no action' (samples_<ctx>), 'both'; 'auto' is both for a model trained with "
                    + "actions, else none"),
            new OptionSpec("cache", OptionType.BOOLEAN, true,
                    "key/value cache for the temporal transformer; false recomputes every position for every frame as the original"),
            new OptionSpec("seed", OptionType.INTEGER, -1, "sampling seed (-1: the config's seed)"),
            new OptionSpec("open_loop_ctx", OptionType.INTEGER, 0, "context frames (0: the config's open_loop_ctx)"),
            new OptionSpec("frames", OptionType.INTEGER, 0, "frames per video (0: the config's eval_seq_len)"),
            new OptionSpec("use_cuda", OptionType.BOOLEAN, false, "ONNX Runtime's CUDA execution provider (falls back to CPU with a notice)"),
            new OptionSpec("threads", OptionType.INTEGER, 0, "ONNX Runtime intra-op threads (0: its default)"),
            new OptionSpec("gif", OptionType.BOOLEAN, true, "write samples.gif: real beside generated, context frames framed green"),
            new OptionSpec("out", OptionType.STRING, "", "folder for the samples (default: the stage folder, <run>/sample)"),
            new OptionSpec("window", OptionType.INTEGER, 0, "past frames the model sees when predicting a frame, n_cond..seq_len-1: "
                    + "fewer than the model's window imitates a short-context model (0: all its window holds, seq_len-1)"));

    static SampleOptions from(Settings config) {
        Settings s = config.section("sample");
        int ctx = s.getInt("open_loop_ctx", 0);
        int frames = s.getInt("frames", 0);
        // 0 means "the config's value"; a negative one is a mistake, not a request for the default.
        for (String key : List.of("open_loop_ctx", "frames", "threads")) {
            if (s.getInt(key, 0) < 0) {
                throw new BadInputException("sample." + key + " (teco sample --" + key.replace('_', '-')
                        + ") must be at least 0 (0: the config's value), found " + s.getInt(key, 0));
            }
        }
        long seed = s.getInt("seed", -1);
        SampleOptions o = new SampleOptions(s.getInt("n", 8), s.getInt("batch", 8), s.getString("actions", AUTO),
                s.getBoolean("cache", true), seed >= 0 ? seed : (config.has("seed") ? config.getLong("seed") : 0),
                ctx > 0 ? ctx : config.getInt("open_loop_ctx"), frames > 0 ? frames : config.getInt("eval_seq_len"),
                s.getBoolean("use_cuda", false), s.getInt("threads", 0), s.getBoolean("gif", true), s.getString("out", ""),
                s.getInt("window", 0));
        if (!ACTION_MODES.contains(o.actions)) {
            throw new BadInputException("sample.actions: expected one of " + String.join(", ", ACTION_MODES) + ", got '" + o.actions + "'");
        }
        if (o.videos <= 0) {
            throw new BadInputException("sample.n must be positive, found " + o.videos);
        }
        if (o.batch <= 0) {
            throw new BadInputException("sample.batch must be positive, found " + o.batch);
        }
        if (o.context >= o.frames) {
            throw new BadInputException("open_loop_ctx (" + o.context + ") must be less than the frames per video (sample.frames or eval_seq_len, "
                    + o.frames + ")");
        }
        return o;
    }

    /**
     * The past frames the model sees per generated frame: {@code window}, or all that a window of
     * {@code seqLen} positions holds (seqLen − 1) when it is 0.
     */
    int pastFrames(int seqLen, int nCond) {
        if (window == 0) {
            return seqLen - 1;
        }
        if (window < nCond || window > seqLen - 1) {
            throw new BadInputException("sample.window: expected past frames in [n_cond " + nCond + ", seq_len - 1 = " + (seqLen - 1)
                    + "], or 0 for all of them, got " + window);
        }
        return window;
    }

    /**
     * The sample sets to draw, in order: false = without actions, true = with the test episodes'
     * actions. A model trained without actions has only the first; asking it for actions is bad input.
     */
    List<Boolean> actionSets(boolean modelUsesActions) {
        if (!modelUsesActions && (actions.equals("given") || actions.equals("both"))) {
            throw new BadInputException("sample.actions: '" + actions + "' needs a model trained with actions, but the config has use_actions: false");
        }
        return switch (actions) {
            case "given" -> List.of(true);
            case "none" -> List.of(false);
            case "both" -> List.of(false, true);
            default -> modelUsesActions ? List.of(false, true) : List.of(false);
        };
    }
}
