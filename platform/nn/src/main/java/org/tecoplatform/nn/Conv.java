package org.tecoplatform.nn;

/**
 * Flax {@code nn.Conv} on NHWC input with a square kernel: kernel {@code [k, k, in, out]}
 * (lecun_normal), optional bias (zeros). Parameters {@code <name>.kernel}, {@code <name>.bias}.
 */
public final class Conv {

    private Conv() {
    }

    /** Flax padding 'SAME' at stride 1 (odd kernels: 3×3, 1×1). */
    public static <T> T same(Ops<T> ops, String name, T x, int features, int kernel, boolean bias) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("'SAME' at stride 1 is symmetric only for odd kernels, got " + kernel);
        }
        return apply(ops, name, x, features, kernel, 1, kernel / 2, bias);
    }

    /**
     * Stride = kernel, padding 'VALID' (TECO's z_proj: k×k patches to tokens). The spatial size
     * must be a multiple of {@code kernel}.
     */
    public static <T> T patches(Ops<T> ops, String name, T x, int features, int kernel, boolean bias) {
        int[] s = ops.shape(x);
        if (s[1] % kernel != 0 || s[2] % kernel != 0) {
            throw new IllegalArgumentException("spatial size " + s[1] + "x" + s[2] + " is not a multiple of " + kernel);
        }
        return apply(ops, name, x, features, kernel, kernel, 0, bias);
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int features, int kernel, int stride, int pad, boolean bias) {
        int[] s = ops.shape(x);
        T w = ops.param(name + ".kernel", Init.lecunNormal(), kernel, kernel, s[3], features);
        T y = ops.conv2d(x, w, stride, pad);
        if (bias) {
            y = ops.add(y, ops.param(name + ".bias", Init.zeros(), features));
        }
        return y;
    }
}
