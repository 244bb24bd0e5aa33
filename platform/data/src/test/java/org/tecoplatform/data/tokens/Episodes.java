package org.tecoplatform.data.tokens;

import java.util.SplittableRandom;

/** Deterministic token episodes: the same (info, index, frames) always gives the same codes and actions. */
final class Episodes {

    private Episodes() {
    }

    static TokenEpisode make(TokenCacheInfo info, String id, int seed, int frames) {
        SplittableRandom random = new SplittableRandom(seed * 7919L + frames);
        int[] codes = new int[frames * info.codesPerFrame()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextInt(info.codes());
        }
        // Both ends of the range, so widths and signs are exercised.
        if (codes.length >= 2) {
            codes[0] = info.codes() - 1;
            codes[1] = 0;
        }
        int[] actions = new int[frames];
        for (int t = 0; t < frames; t++) {
            actions[t] = random.nextInt(7);
        }
        return new TokenEpisode(id, frames, codes, actions);
    }

    static TokenEpisode make(TokenCacheInfo info, int index, int frames) {
        return make(info, "ep" + index, index, frames);
    }
}
