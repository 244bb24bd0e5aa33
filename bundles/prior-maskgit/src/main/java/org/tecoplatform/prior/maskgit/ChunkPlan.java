package org.tecoplatform.prior.maskgit;

import java.util.SplittableRandom;

/**
 * One round of the sampler (the original's {@code sample_mask}): the grid positions in a random
 * order, cut into chunks as {@code numpy.array_split} does (the first {@code n mod chunks} chunks
 * one longer). Each chunk is masked, predicted and re-sampled in turn.
 */
final class ChunkPlan {

    private final int[] order;
    private final int[] starts;

    private ChunkPlan(int[] order, int chunks) {
        this.order = order;
        this.starts = new int[chunks + 1];
        int[] sizes = sizes(order.length, chunks);
        for (int c = 0; c < chunks; c++) {
            starts[c + 1] = starts[c] + sizes[c];
        }
    }

    /** A uniformly random order of {@code positions} positions, in {@code chunks} chunks. */
    static ChunkPlan random(int positions, int chunks, SplittableRandom rng) {
        if (positions <= 0 || chunks <= 0) {
            throw new IllegalArgumentException("need positions > 0 and chunks > 0, got " + positions + ", " + chunks);
        }
        int[] order = new int[positions];
        shuffleIdentity(order, rng);
        return new ChunkPlan(order, chunks);
    }

    /** {@code numpy.array_split} lengths: {@code n / chunks}, the first {@code n % chunks} one more. */
    static int[] sizes(int n, int chunks) {
        if (n < 0 || chunks <= 0) {
            throw new IllegalArgumentException("bad split of " + n + " into " + chunks);
        }
        int[] s = new int[chunks];
        for (int c = 0; c < chunks; c++) {
            s[c] = n / chunks + (c < n % chunks ? 1 : 0);
        }
        return s;
    }

    /** Fills {@code a} with a uniformly random permutation of 0..a.length−1 (Fisher–Yates). */
    static void shuffleIdentity(int[] a, SplittableRandom rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    int chunks() {
        return starts.length - 1;
    }

    /** The positions of chunk {@code c}. */
    int[] chunk(int c) {
        return java.util.Arrays.copyOfRange(order, starts[c], starts[c + 1]);
    }
}
