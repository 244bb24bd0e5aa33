package org.tecoplatform.nn;

/**
 * Nearest-neighbour ×2 upsampling on NHWC ({@code jax.image.resize(..., NEAREST)} to twice the
 * size): every pixel repeated into a 2×2 block. Written as concat + reshape because SameDiff's
 * NHWC upsampling has a wrong gradient (NOTES-DL4J.md).
 */
public final class Upsample2 {

    private Upsample2() {
    }

    public static <T> T apply(Ops<T> ops, T x) {
        int[] s = ops.shape(x);
        T r = ops.reshape(x, s[0], s[1], 1, s[2], 1, s[3]);
        r = ops.concat(4, java.util.List.of(r, r));
        r = ops.concat(2, java.util.List.of(r, r));
        return ops.reshape(r, s[0], s[1] * 2, s[2] * 2, s[3]);
    }
}
