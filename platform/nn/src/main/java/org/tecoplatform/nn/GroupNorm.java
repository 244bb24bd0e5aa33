package org.tecoplatform.nn;

/**
 * Flax {@code nn.GroupNorm} (default 32 groups, epsilon 1e-6) on NHWC: statistics per sample and
 * group over height, width and the group's channels; then per-channel scale (ones) and bias
 * (zeros). Parameters {@code <name>.scale}, {@code <name>.bias}. The variance is the mean of
 * squared deviations, computed by hand: SameDiff's variance op has a wrong gradient.
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
        T g = ops.reshape(x, s[0], s[1], s[2], groups, c / groups);
        T mean = ops.reduceMean(g, true, 1, 2, 4);
        T d = ops.sub(g, mean);
        T var = ops.reduceMean(ops.mul(d, d), true, 1, 2, 4);
        T y = ops.mul(d, ops.rsqrt(ops.add(var, ops.scalar(EPSILON))));
        y = ops.reshape(y, s);
        y = ops.mul(y, ops.param(name + ".scale", Init.ones(), c));
        return ops.add(y, ops.param(name + ".bias", Init.zeros(), c));
    }
}
