package org.tecoplatform.nn;

/**
 * Flax {@code nn.ConvTranspose} with stride = kernel = k and padding 'VALID' (TECO's z_unproj),
 * kernel {@code [k, k, in, out]} (lecun_normal), no bias. Parameter {@code <name>.kernel}.
 *
 * <p>With stride = kernel the output patches do not overlap, so it is exactly a dense layer
 * followed by depth-to-space. Flax (transpose_kernel=False) correlates the zero-dilated input
 * with the kernel as stored, which places {@code kernel[k-1-r, k-1-c]} at offset (r, c) of each
 * patch: the kernel is flipped spatially before the dense product.
 */
public final class TransposedConv {

    private TransposedConv() {
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int features, int k) {
        int[] s = ops.shape(x);
        int b = s[0], h = s[1], w = s[2], c = s[3];
        T kernel = ops.param(name + ".kernel", Init.lecunNormal(), k, k, c, features);
        // [k, k, C, O] flipped → [C, k, k, O] → [C, k·k·O]
        T m = ops.reshape(ops.transpose(ops.flip(kernel, 0, 1), 2, 0, 1, 3), c, k * k * features);
        T y = ops.matmul(ops.reshape(x, b * h * w, c), m);
        // [B, H, W, k, k, O] → [B, H, k, W, k, O] → [B, H·k, W·k, O]
        y = ops.reshape(y, b, h, w, k, k, features);
        y = ops.transpose(y, 0, 1, 3, 2, 4, 5);
        return ops.reshape(y, b, h * k, w * k, features);
    }
}
