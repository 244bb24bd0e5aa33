package org.tecoplatform.prior.autoregressive;

import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;

/**
 * The autoregressive prior's settings, all from its own section ({@code autoregressive:}), which
 * the platform checks against {@link #OPTIONS} and completes with their defaults. The defaults are
 * the quickstart's size (the same as its MaskGit); DMLab's MaskGit size is embed 512, mlp 2048,
 * 8 heads, 8 layers, vocab 256.
 *
 * @param vocabDim    width of the token table (codes + the start token)
 * @param embedDim    transformer width
 * @param mlpDim      transformer MLP width
 * @param numHeads    attention heads
 * @param numLayers   transformer layers
 * @param temperature sampling temperature (1 = the model's distribution; 0 = argmax)
 * @param topK        sample among the k largest logits (0 = all)
 * @param topP        sample from the nucleus of this probability (1 = all)
 */
record AutoregressiveConfig(int vocabDim, int embedDim, int mlpDim, int numHeads, int numLayers, double temperature, int topK,
                            double topP) {

    static final String SECTION = "autoregressive";

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.of("vocab_dim", OptionType.INTEGER, 64, "token embedding width (codes + the start token)"),
            OptionSpec.of("embed_dim", OptionType.INTEGER, 128, "transformer width (a multiple of num_heads)"),
            OptionSpec.of("mlp_dim", OptionType.INTEGER, 512, "transformer MLP width"),
            OptionSpec.of("num_heads", OptionType.INTEGER, 4, "attention heads"),
            OptionSpec.of("num_layers", OptionType.INTEGER, 2, "transformer layers"),
            OptionSpec.of("dropout", OptionType.NUMBER, 0.0, "dropout; must be 0 (not implemented, as every TECO config uses 0)"),
            OptionSpec.of("temperature", OptionType.NUMBER, 1.0, "sampling temperature (1 = the model's distribution; 0 = argmax)"),
            OptionSpec.of("top_k", OptionType.INTEGER, 0, "sample among the k most likely codes only (0 = all)"),
            OptionSpec.of("top_p", OptionType.NUMBER, 1.0, "sample from the smallest set of codes whose probability reaches p (1 = all)"));

    /** Reads and checks the section; a value missing from it takes its declared default. */
    static AutoregressiveConfig from(Settings config) {
        Settings own = config.section(SECTION);
        int vocabDim = atLeast(own, "vocab_dim", 1);
        int embedDim = atLeast(own, "embed_dim", 1);
        int mlpDim = atLeast(own, "mlp_dim", 1);
        int numHeads = atLeast(own, "num_heads", 1);
        int numLayers = atLeast(own, "num_layers", 0);
        if (embedDim % numHeads != 0) {
            throw bad(own, "embed_dim", "a multiple of num_heads (" + numHeads + ")", embedDim);
        }
        double dropout = own.getDouble("dropout", 0.0);
        if (dropout != 0) {
            throw bad(own, "dropout", "0 (dropout is not implemented in this prior; every TECO config trains without it)", dropout);
        }
        double temperature = own.getDouble("temperature", 1.0);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw bad(own, "temperature", "a finite number >= 0 (1 = the model's distribution, 0 = argmax)", temperature);
        }
        int topK = own.getInt("top_k", 0);
        if (topK < 0) {
            throw bad(own, "top_k", "an integer >= 0 (0 = every code)", topK);
        }
        double topP = own.getDouble("top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw bad(own, "top_p", "a number in (0, 1] (1 = every code)", topP);
        }
        return new AutoregressiveConfig(vocabDim, embedDim, mlpDim, numHeads, numLayers, temperature, topK, topP);
    }

    private static int atLeast(Settings own, String key, int min) {
        int fallback = (Integer) OPTIONS.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow().defaultValue();
        int v = own.getInt(key, fallback);
        if (v < min) {
            throw bad(own, key, "an integer >= " + min, v);
        }
        return v;
    }

    /** As the config's own errors read: the full dotted key, what was expected, what was found. */
    private static BadInputException bad(Settings own, String key, String expected, Object found) {
        return new BadInputException("config key '" + SECTION + "." + key + "' must be " + expected + ", found " + found);
    }
}
