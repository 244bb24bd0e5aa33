package org.tecoplatform.nn;

import java.util.ArrayList;
import java.util.List;

/** The original's position biases, each {@code [L, D]} for L = prod(shape) tokens. */
public final class PositionBiases {

    private PositionBiases() {
    }

    /**
     * {@code SinusoidalPositionBiases} as a constant: position p, {@code inv_freq[i] =
     * 1/10000^(2i/D)} for i &lt; D/2, row = [sin(p·inv_freq), cos(p·inv_freq)] (sines then cosines,
     * not interleaved). The original computes in float32; so do the steps here (float32 division,
     * product and argument, so large positions carry the same float32 argument rounding), with
     * pow/sin/cos evaluated in double and rounded once; XLA's float32 pow/sin/cos may differ from
     * that by a few ulp. For odd D the original's shapes do not add up; it is rejected.
     */
    public static float[] sinusoidal(int length, int embedDim) {
        if (embedDim % 2 != 0) {
            throw new IllegalArgumentException("sinusoidal positions need an even embed dim, got " + embedDim);
        }
        int half = embedDim / 2;
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            float e = (2f * i) / embedDim;
            float p = (float) Math.pow(10000.0, e);
            invFreq[i] = 1f / p;
        }
        float[] out = new float[Math.multiplyExact(length, embedDim)];
        for (int pos = 0; pos < length; pos++) {
            for (int i = 0; i < half; i++) {
                float arg = (float) pos * invFreq[i];
                out[pos * embedDim + i] = (float) Math.sin(arg);
                out[pos * embedDim + half + i] = (float) Math.cos(arg);
            }
        }
        return out;
    }

    /** Graph form of {@link #sinusoidal}: a constant {@code [L, D]}. */
    public static <T> T sinusoidal(Ops<T> ops, int length, int embedDim) {
        return ops.constant(sinusoidal(length, embedDim), length, embedDim);
    }

    /**
     * The rows of one frame from a {@code [F·n, D]} position table, frame by frame generation's
     * positions: {@code frame} is an index tensor {@code [1]} in {@code [0, frames)}; the result is
     * {@code [n, D]}, rows {@code frame·n .. frame·n + n − 1}. Picked as one-hot × table reshaped to
     * {@code [F, n·D]}: exact (one product by 1, the rest by 0), static shapes, no gather. An index
     * outside {@code [0, frames)} gives zero rows.
     */
    public static <T> T frameRows(Ops<T> ops, T table, int frames, T frame) {
        int[] s = ops.shape(table);
        if (s.length != 2 || frames <= 0 || s[0] % frames != 0) {
            throw new IllegalArgumentException("table " + java.util.Arrays.toString(s) + " is not [F·n, D] for F = " + frames);
        }
        int n = s[0] / frames;
        T rows = ops.matmul(ops.oneHot(frame, frames), ops.reshape(table, frames, n * s[1])); // [1, n·D]
        return ops.reshape(rows, n, s[1]);
    }

    /** {@link #frameRows} of the sinusoidal table for {@code frames × tokensPerFrame} tokens. */
    public static <T> T sinusoidalFrameRows(Ops<T> ops, int frames, int tokensPerFrame, int embedDim, T frame) {
        return frameRows(ops, sinusoidal(ops, Math.multiplyExact(frames, tokensPerFrame), embedDim), frames, frame);
    }

    /**
     * {@code BroadcastPositionBiases}: per axis i of {@code shape} a table {@code d_i} of shape
     * {@code [shape[i], chunk_i]} (normal(0.02)), chunk_i = D/n + (i &lt; D mod n); each token's
     * bias is the CONCATENATION over axes of its row in each table (the original concatenates
     * channel chunks; it does not sum full-width tables). Returns {@code [prod(shape), D]}.
     */
    public static <T> T broadcast(Ops<T> ops, String name, int[] shape, int embedDim) {
        int n = shape.length;
        int length = 1;
        for (int s : shape) {
            length = Math.multiplyExact(length, s);
        }
        List<T> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int chunk = embedDim / n + (i < embedDim % n ? 1 : 0);
            T e = ops.param(name + ".d_" + i, Init.normal(0.02), shape[i], chunk);
            int[] one = new int[n + 1];
            java.util.Arrays.fill(one, 1);
            one[i] = shape[i];
            one[n] = chunk;
            int[] full = java.util.Arrays.copyOf(shape, n + 1);
            full[n] = chunk;
            // Broadcast by adding zeros of the full shape (Ops has no broadcast_to).
            T zeros = ops.constant(new float[Math.multiplyExact(length, chunk)], full);
            parts.add(ops.add(ops.reshape(e, one), zeros));
        }
        T cat = parts.size() == 1 ? parts.get(0) : ops.concat(n, parts);
        return ops.reshape(cat, length, embedDim);
    }

    /**
     * {@code AbsolutePositionBiases}: one learned {@code [L, D]} table {@code abs_embedding},
     * initialised with Flax's default_embed_init, variance_scaling(1, fan_in, normal, out_axis=0),
     * whose fan-in for a {@code [L, D]} table is D: normal(stddev 1/√D).
     */
    public static <T> T absolute(Ops<T> ops, String name, int length, int embedDim) {
        return ops.param(name + ".abs_embedding", Init.normal(Math.sqrt(1.0 / embedDim)), length, embedDim);
    }
}
