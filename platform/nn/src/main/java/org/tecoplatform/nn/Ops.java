package org.tecoplatform.nn;

/**
 * The operations TECO's networks are written against. A network calls these once; each back end
 * lowers them to its own graph. Handles ({@code T}) are opaque; their static shape is available
 * through {@link #shape}. Layout is channels-last (NHWC) throughout. Binary arithmetic broadcasts
 * as numpy does.
 *
 * @param <T> the back end's tensor handle
 */
public interface Ops<T> {

    /** The parameters this graph reads; blocks create missing ones here with their initialiser. */
    ParamStore params();

    /** The static shape of a tensor. */
    int[] shape(T x);

    /** A named floating-point graph input. */
    T input(String name, int... shape);

    /** A named integer (index) graph input, for embedding look-ups. */
    T indexInput(String name, int... shape);

    /** Marks {@code x} as the named graph output. */
    void output(String name, T x);

    /** A named trainable parameter, created in {@link #params()} with {@code init} if absent. */
    T param(String name, Init init, int... shape);

    /** A constant tensor (row-major data). */
    T constant(float[] data, int... shape);

    /** A scalar constant, broadcast against whatever it meets. */
    default T scalar(float value) {
        return constant(new float[] {value});
    }

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    T div(T a, T b);

    /**
     * Matrix product: both rank 2, or both rank 3 / rank 4 with equal leading (batch) dimensions.
     * Other combinations must be reshaped by the caller (SameDiff rejects rank-3 × rank-2).
     */
    T matmul(T a, T b);

    /** Reshape; one entry may be -1. */
    T reshape(T x, int... shape);

    /** Permutes axes: output axis i is input axis {@code perm[i]}. */
    T transpose(T x, int... perm);

    /** Concatenation along {@code axis} (a list: generic varargs would not type-check in lowerings). */
    T concat(int axis, java.util.List<T> xs);

    /** Elements {@code [start, end)} along {@code axis}. */
    T slice(T x, int axis, int start, int end);

    /** Reverses the order of elements along each of {@code axes}. */
    T flip(T x, int... axes);

    T reduceMean(T x, boolean keepDims, int... axes);

    T reduceSum(T x, boolean keepDims, int... axes);

    T sqrt(T x);

    /** 1 / sqrt(x). */
    T rsqrt(T x);

    T exp(T x);

    T tanh(T x);

    T sigmoid(T x);

    T erf(T x);

    /** max(x, 0). */
    T relu(T x);

    /** ELU with alpha 1: x for x &gt; 0, exp(x) − 1 otherwise. */
    T elu(T x);

    /** Softmax over the last axis. */
    T softmax(T x);

    /** Natural logarithm, element-wise. */
    T log(T x);

    /** log(softmax(x)) over the last axis, computed stably by the back end (losses). */
    T logSoftmax(T x);

    /**
     * 2-D convolution (cross-correlation, as Flax): {@code x} NHWC, {@code kernel} HWIO, the same
     * stride and the same symmetric zero padding on both spatial axes. Flax's 'SAME' for an odd
     * kernel at stride 1 is {@code pad = k / 2}; 'VALID' is {@code pad = 0}.
     */
    T conv2d(T x, T kernel, int stride, int pad);

    /** One-hot rows of width {@code depth} (floating point) for indices in {@code [0, depth)}. */
    T oneHot(T indices, int depth);
    // ---- Vector quantisation and integer/uint8 graph boundaries (the VQ tokenizer) ----

    /**
     * A named uint8 graph input (pixels), seen by the network as floating-point values 0..255.
     * ONNX: a uint8 input and a Cast; SameDiff: a uint8 placeholder cast to the graph's type.
     */
    T byteInput(String name, int... shape);

    /**
     * Marks {@code x} as the named uint8 output: {@code floor(clamp(x, 0, 255) + 0.5)} cast to
     * uint8 (rounding halves up, the same on both back ends).
     */
    void byteOutput(String name, T x);

    /** Marks an index tensor (from {@link #argminLast}) as the named int64 output. */
    void indexOutput(String name, T indices);

    /**
     * The index of the smallest element along the last axis (the first one on ties), as an index
     * tensor of the input's shape without its last axis. Not differentiable; feed it to
     * {@link #oneHot} or {@link #indexOutput}.
     */
    T argminLast(T x);

    /** Identity forward, zero gradient backward (the straight-through estimator's {@code sg}). */
    T stopGradient(T x);

    /** {@code min(max(x, lo), hi)} element-wise. */
    T clamp(T x, float lo, float hi);

    /** The largest integer not greater than {@code x}, element-wise (zero gradient). */
    T floor(T x);

    // ---- structure a back end may exploit ----

    /** A network piece that maps rows (the first axis) independently: {@code f(x)[i]} depends on {@code x[i]} only. */
    @FunctionalInterface
    interface RowFunction<T> {
        T apply(Ops<T> ops, T rows);
    }

    /**
     * {@code f(x)} for a row-wise {@code f} (frame by frame, say). A training back end may run it
     * in chunks of {@code rows} rows, keep only the output, and recompute each chunk in the
     * backward pass (gradient checkpointing): the same values and gradients with one chunk's
     * activations in memory instead of all rows'. Default: {@code f} on the whole {@code x}.
     */
    default T rowwise(T x, int rows, RowFunction<T> f) {
        return f.apply(this, x);
    }

    // ---- normalisation (composed from the ops above; a back end may fuse them) ----

    /**
     * GroupNorm on NHWC {@code x}: statistics per sample and group over height, width and the
     * group's channels, variance as the mean of squared deviations, then {@code · scale + bias}
     * per channel ({@code [C]}).
     */
    default T groupNorm(T x, T scale, T bias, int groups, float eps) {
        int[] s = shape(x);
        int c = s[3];
        T g = reshape(x, s[0], s[1], s[2], groups, c / groups);
        T mean = reduceMean(g, true, 1, 2, 4);
        T d = sub(g, mean);
        T var = reduceMean(mul(d, d), true, 1, 2, 4);
        T y = mul(d, rsqrt(add(var, scalar(eps))));
        return add(mul(reshape(y, s), scale), bias);
    }

    /**
     * LayerNorm over the last axis, variance as Flax computes it (E[x²] − E[x]² clamped at 0),
     * then {@code · scale + bias} ({@code [C]}).
     */
    default T layerNorm(T x, T scale, T bias, float eps) {
        int last = shape(x).length - 1;
        T mean = reduceMean(x, true, last);
        T mean2 = reduceMean(mul(x, x), true, last);
        T var = relu(sub(mean2, mul(mean, mean)));
        T y = mul(sub(x, mean), rsqrt(add(var, scalar(eps))));
        return add(mul(y, scale), bias);
    }
}
