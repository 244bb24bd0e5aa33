package org.tecoplatform.nn;

/**
 * Flax {@code nn.avg_pool(x, (2, 2), strides=(2, 2))} on NHWC: a mean over 2×2 blocks, written as
 * reshape + mean so both back ends compute it the same way. Height and width must be even.
 */
public final class AvgPool2 {

    private AvgPool2() {
    }

    public static <T> T apply(Ops<T> ops, T x) {
        int[] s = ops.shape(x);
        if (s[1] % 2 != 0 || s[2] % 2 != 0) {
            throw new IllegalArgumentException("avg pool 2x2 needs even height and width, got " + s[1] + "x" + s[2]);
        }
        T r = ops.reshape(x, s[0], s[1] / 2, 2, s[2] / 2, 2, s[3]);
        return ops.reduceMean(r, false, 2, 4);
    }
}
