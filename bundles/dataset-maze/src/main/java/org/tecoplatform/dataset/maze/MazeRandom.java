package org.tecoplatform.dataset.maze;

/**
 * SplitMix64, written out here rather than borrowed from {@code java.util.SplittableRandom}:
 * the dataset promises identical bytes for the same seed on every JDK, and only an
 * algorithm we own can keep that promise.
 */
final class MazeRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    MazeRandom(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values that scrambles every bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed for the {@code k}-th derived stream of {@code seed}. For a fixed seed, distinct
     * {@code k} give distinct results: both the odd multiplier and the finaliser are bijections.
     */
    static long derive(long seed, long k) {
        return mix64(mix64(seed) + k * GOLDEN_GAMMA);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound), by rejection so that no value is favoured. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        int bits;
        int value;
        do {
            bits = (int) (nextLong() >>> 33);
            value = bits % bound;
        } while (bits - value + (bound - 1) < 0);
        return value;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }
}
