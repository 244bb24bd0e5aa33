package org.tecoplatform.model.teco.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.data.tokens.TokenCache;

/**
 * Training batches from the token cache: each video a random window of {@code seq_len}
 * consecutive frames of a random episode. The windows of step s depend only on (seed, s), so a
 * resumed run sees exactly the batches an uninterrupted one would.
 */
final class TokenWindows {

    private static final Logger LOG = LoggerFactory.getLogger(TokenWindows.class);

    /** One batch: codes row-major {@code [B, T, H, W]}, actions {@code [B, T]} as the dataset stores them. */
    record Window(int[] codes, int[] actions) {
    }

    private final TokenCache cache;
    private final int seqLen;
    private final int codesPerFrame;
    private final int[] eligible;

    TokenWindows(TokenCache cache, int seqLen) {
        this.cache = cache;
        this.seqLen = seqLen;
        this.codesPerFrame = cache.info().codesPerFrame();
        List<Integer> ok = new ArrayList<>();
        int longest = 0;
        for (int e = 0; e < cache.size(); e++) {
            int frames = cache.frames(e);
            longest = Math.max(longest, frames);
            if (frames >= seqLen) {
                ok.add(e);
            }
        }
        if (ok.isEmpty()) {
            throw new BadInputException("seq_len: " + seqLen + " frames per training window, but the longest episode of the "
                    + cache.split().folder() + " token cache (" + cache.dir() + ") has " + longest + "; lower seq_len or use longer episodes");
        }
        if (ok.size() < cache.size()) {
            LOG.warn("train: {} of {} episodes are shorter than seq_len {} and are left out", cache.size() - ok.size(), cache.size(), seqLen);
        }
        this.eligible = ok.stream().mapToInt(Integer::intValue).toArray();
    }

    int episodes() {
        return eligible.length;
    }

    Window batch(long seed, long step, int batch) {
        SplittableRandom rng = StepRandom.of(seed, step, StepRandom.WINDOWS);
        int[] codes = new int[Math.multiplyExact(batch, seqLen * codesPerFrame)];
        int[] actions = new int[batch * seqLen];
        for (int b = 0; b < batch; b++) {
            int episode = eligible[rng.nextInt(eligible.length)];
            int start = rng.nextInt(cache.frames(episode) - seqLen + 1);
            cache.readCodes(episode, start, seqLen, codes, b * seqLen * codesPerFrame);
            System.arraycopy(cache.readActions(episode, start, seqLen), 0, actions, b * seqLen, seqLen);
        }
        return new Window(codes, actions);
    }
}
