package org.tecoplatform.model.teco.train;

import java.util.SplittableRandom;

/**
 * Independent random streams per (seed, step, purpose): nothing random in a training step depends
 * on earlier steps, which is what makes a resumed run equal an uninterrupted one.
 */
final class StepRandom {

    static final int WINDOWS = 1;
    static final int FEED = 2;

    private StepRandom() {
    }

    static SplittableRandom of(long seed, long step, int purpose) {
        long x = seed * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL + purpose * 0x165667B19E3779F9L;
        return new SplittableRandom(mix(x));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
