package org.tecoplatform.data.loader;

import java.util.SplittableRandom;

/**
 * Randomness as a pure function of (seed, epoch, position): no generator is shared between
 * threads, so results do not depend on which worker gets which sample, or when.
 */
final class SampleRandom {

    /** Stands in for the position when drawing an epoch's permutation. */
    private static final long PERMUTATION = -1L;

    private SampleRandom() {
    }

    /** A generator for one (seed, epoch, position); position {@code -1} is the epoch's permutation. */
    static SplittableRandom of(long seed, long epoch, long position) {
        return new SplittableRandom(mix(mix(mix(0x7ec0_da7aL, seed), epoch), position));
    }

    /** A uniform window start in [0, frames − seqLen] for the sample at {@code position} of {@code epoch}. */
    static int windowStart(long seed, long epoch, long position, int frames, int seqLen) {
        int choices = frames - seqLen + 1;
        return choices <= 1 ? 0 : of(seed, epoch, position).nextInt(choices);
    }

    /** The order of {@code n} episodes in {@code epoch}: a seeded Fisher-Yates shuffle. */
    static int[] permutation(long seed, long epoch, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = of(seed, epoch, PERMUTATION);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Folds {@code value} into {@code state} with the SplitMix64/Murmur3 finaliser, so nearby inputs scatter. */
    static long mix(long state, long value) {
        long z = state * 0x9E37_79B9_7F4A_7C15L + value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
