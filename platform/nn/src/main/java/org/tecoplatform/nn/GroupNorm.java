package org.tecoplatform.nn;

/**
 * Flax {@code nn.GroupNorm} (default 32 groups, epsilon 1e-6) on NHWC: statistics per sample and
 * group over height, width and the group's channels; then per-channel scale (ones) and bias
 * (zeros). Parameters {@code <name>.scale}, {@code <name>.bias}. The variance is the mean of
 * squared deviations ({@link Ops#groupNorm}; composed by hand: SameDiff's variance op has a wrong
 * gradient).
 */
public final class GroupNorm {

    public static final int GROUPS = 32;
    public static final float EPSILON = 1e-6f;

    private GroupNorm() {
    }

    public static <T> T apply(Ops<T> ops, String name, T x) {
        return apply(ops, name, x, GROUPS);
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int groups) {
        int[] s = ops.shape(x);
        if (s.length != 4 || s[3] % groups != 0) {
            throw new IllegalArgumentException("group norm needs NHWC with channels divisible by " + groups + ", got "
                    + java.util.Arrays.toString(s));
        }
        int c = s[3];
        return ops.groupNorm(x, ops.param(name + ".scale", Init.ones(), c), ops.param(name + ".bias", Init.zeros(), c), groups,
                EPSILON);
    }
}
