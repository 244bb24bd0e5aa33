package org.tecoplatform.model.teco.net;

import java.util.Arrays;
import java.util.List;
import org.tecoplatform.nn.Ops;

/**
 * Tensor plumbing shared by TECO's parts: video tensors are {@code [B, F, ...]}, and per-frame
 * networks (the original's {@code jax.vmap(..., 1, 1)}) run on the batch and time axes folded
 * into one. Every reshape keeps the batch folded into axis 0, so graphs built here also run
 * with a dynamic batch axis in ONNX.
 */
public final class Frames {

    private Frames() {
    }

    /** {@code [B, F, ...] → [B·F, ...]}. */
    public static <T> T fold(Ops<T> ops, T x) {
        int[] s = ops.shape(x);
        int[] out = new int[s.length - 1];
        out[0] = s[0] * s[1];
        System.arraycopy(s, 2, out, 1, s.length - 2);
        return ops.reshape(x, out);
    }

    /** {@code [B·F, ...] → [B, F, ...]}. */
    public static <T> T unfold(Ops<T> ops, T x, int batch, int frames) {
        int[] s = ops.shape(x);
        int[] out = new int[s.length + 1];
        out[0] = batch;
        out[1] = frames;
        System.arraycopy(s, 1, out, 2, s.length - 1);
        return ops.reshape(x, out);
    }

    /**
     * {@code value} broadcast to the shape of {@code like} except its last axis (which
     * {@code value} keeps): {@code value} is added to {@code 0·like[..., :1]}. The zeros come from
     * a tensor of the graph rather than a constant so the batch axis may stay dynamic (the
     * original tiles instead: jnp.tile).
     */
    public static <T> T broadcastLike(Ops<T> ops, T value, T like) {
        int[] s = ops.shape(like);
        T zeros = ops.mul(ops.slice(like, s.length - 1, 0, 1), ops.scalar(0f));
        return ops.add(zeros, value);
    }

    /**
     * Picks frames {@code [B, F, ...] → [B, n, ...]} with a one-hot selector {@code [n, F]}
     * (rows of {@code oneHot(idx, F)}): a matrix product, as exact as a gather (one product by
     * 1, the rest by 0), with SameDiff's reliable matmul gradient instead of gather's.
     */
    public static <T> T select(Ops<T> ops, T selector, T x) {
        int[] s = ops.shape(x);
        int n = ops.shape(selector)[0];
        int rest = 1;
        for (int i = 2; i < s.length; i++) {
            rest *= s[i];
        }
        int[] perm = new int[s.length];
        perm[0] = 1;
        perm[1] = 0;
        for (int i = 2; i < s.length; i++) {
            perm[i] = i;
        }
        T timeMajor = ops.reshape(ops.transpose(x, perm), s[1], s[0] * rest); // [F, B·R]
        T picked = ops.matmul(selector, timeMajor); // [n, B·R]
        int[] shape = Arrays.copyOf(s, s.length);
        shape[0] = n;
        shape[1] = s[0];
        return ops.transpose(ops.reshape(picked, shape), perm); // [B, n, ...]
    }

    /** Integer ids held exactly in a float tensor (as from {@link VqCodes#lookup}) → an index tensor. */
    public static <T> T indices(Ops<T> ops, T values, int depth) {
        float[] iota = new float[depth];
        for (int i = 0; i < depth; i++) {
            iota[i] = i;
        }
        int[] s = ops.shape(values);
        int[] withAxis = Arrays.copyOf(s, s.length + 1);
        withAxis[s.length] = 1;
        T d = ops.sub(ops.reshape(values, withAxis), ops.constant(iota, depth));
        // Exact: (c − k)² is 0 for k = c and at least 1 elsewhere.
        return ops.argminLast(ops.mul(d, d));
    }

    /** Concatenation along the time axis (1). */
    public static <T> T concatTime(Ops<T> ops, T a, T b) {
        return ops.concat(1, List.of(a, b));
    }
}
