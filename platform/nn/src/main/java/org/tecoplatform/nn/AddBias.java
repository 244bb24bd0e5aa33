package org.tecoplatform.nn;

/** TECO's {@code AddBias}: a learned bias (zeros) on the last axis. Parameter {@code <name>.bias}. */
public final class AddBias {

    private AddBias() {
    }

    public static <T> T apply(Ops<T> ops, String name, T x) {
        int[] s = ops.shape(x);
        return ops.add(x, ops.param(name + ".bias", Init.zeros(), s[s.length - 1]));
    }
}
