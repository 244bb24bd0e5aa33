package org.tecoplatform.model.teco.train;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.tokens.TokenCacheInfo;
import org.tecoplatform.data.tokens.TokenCacheWriter;
import org.tecoplatform.data.tokens.TokenEpisode;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.model.teco.TinyTeco;

/** The tiny TECO, a token cache made here and training options for seconds-long runs. */
final class TinyRun {

    static final int VQ_CODES = TinyTeco.VQ_CODES;
    static final TokenCacheInfo CACHE = new TokenCacheInfo(VQ_CODES, 8, 8, "test-tokenizer");

    private TinyRun() {
    }

    /** {@code episodes} episodes of {@code frames} frames: slowly drifting codes, so there is something to learn. */
    static void writeCache(Path dir, Split split, int episodes, int frames) throws Exception {
        SplittableRandom rng = new SplittableRandom(9 + split.ordinal());
        try (TokenCacheWriter w = TokenCacheWriter.open(dir, split, CACHE)) {
            for (int e = 0; e < episodes; e++) {
                int[] codes = new int[frames * 64];
                int[] actions = new int[frames];
                int base = rng.nextInt(VQ_CODES);
                for (int f = 0; f < frames; f++) {
                    actions[f] = rng.nextInt(4) - 1;
                    for (int k = 0; k < 64; k++) {
                        codes[f * 64 + k] = (base + f + (k % 8 < 4 ? 0 : 3)) % VQ_CODES;
                    }
                }
                w.write(new TokenEpisode("ep" + e, frames, codes, actions));
            }
            w.finish();
        }
    }

    static TecoModel model() {
        return TinyTeco.model();
    }

    static TrainOptions options(long totalSteps, long saveInterval) {
        return new TrainOptions(2, 3e-3, "cosine", 1e-5, totalSteps, 0, saveInterval, 1, 3, 0, 10, false);
    }
}
