package org.tecoplatform.nn.train;

/**
 * The run-level random state: a SplitMix64 generator whose whole state is one {@code long}, so it
 * can be saved in a checkpoint and restored to continue the exact same stream. Everything random
 * in a training run (batch order, masks, dropout of actions, seeds handed to ND4J's random ops)
 * should be drawn from it, in a fixed order.
 */
public final class RunRng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public RunRng(long seed) {
        this.state = seed;
    }

    /** The state to save; {@link #restore} (or {@code new RunRng(state)}) continues from it. */
    public long state() {
        return state;
    }

    public void restore(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        long limit = (1L << 31) - ((1L << 31) % bound);
        long r;
        do {
            r = nextLong() >>> 33;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Standard normal (Box–Muller, one value per call so the state stays a single long). */
    public double nextGaussian() {
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * nextDouble());
    }

    /** An independent child stream (JAX-style split), advancing this one by one draw. */
    public RunRng split() {
        return new RunRng(nextLong() ^ 0x5851F42D4C957F2DL);
    }
}
