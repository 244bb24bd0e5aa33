package org.tecoplatform.model.teco.net;

import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.nn.Ops;

/**
 * Step 1 of the model: the VQ-GAN's code vectors of each frame (the original's
 * {@code vq_fns['lookup']}). The VQ-GAN is frozen, so its codebook is a graph constant.
 *
 * <p>The look-up also returns each code id as an exact float: one extra column {@code k} on the
 * table costs nothing in the product and lets the training graph pick the target codes of the
 * loss frames with a matrix product instead of a one-hot of every frame's codes.
 */
public final class VqCodes {

    /** Code vectors {@code [..., D_vq]} and the code ids as floats {@code [...]}. */
    public record Lookup<T>(T embeddings, T ids) {
    }

    private VqCodes() {
    }

    /** {@code codes} index {@code [...]} in {@code [0, vqCodes)}; {@code codebook} row-major {@code [vqCodes, vqDim]}. */
    public static <T> Lookup<T> lookup(Ops<T> ops, TecoConfig cfg, float[] codebook, T codes) {
        int k = cfg.vqCodes();
        int d = cfg.vqDim();
        if (codebook.length != k * d) {
            throw new IllegalArgumentException("VQ codebook has " + codebook.length + " values, expected "
                    + k + " x " + d);
        }
        float[] table = new float[k * (d + 1)];
        for (int r = 0; r < k; r++) {
            System.arraycopy(codebook, r * d, table, r * (d + 1), d);
            table[r * (d + 1) + d] = r;
        }
        int[] s = ops.shape(codes);
        T oh = ops.reshape(ops.oneHot(codes, k), -1, k);
        T rows = ops.matmul(oh, ops.constant(table, k, d + 1)); // [N, D_vq + 1]
        int[] embShape = java.util.Arrays.copyOf(s, s.length + 1);
        embShape[s.length] = d;
        T emb = ops.reshape(ops.slice(rows, 1, 0, d), embShape);
        T ids = ops.reshape(ops.slice(rows, 1, d, d + 1), s);
        return new Lookup<>(emb, ids);
    }
}
