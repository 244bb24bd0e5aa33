package org.tecoplatform.metrics.fvd;

/**
 * The original's FVD preprocessing of one video (teco/fvd.py {@code fvd_preprocess}, after
 * scripts/compute_fvd.py's {@code convert}), in float32 step by step: {@code x = uint8 / 255},
 * {@code x * 255}, {@code tf.image.resize} to 224×224 (bilinear, half-pixel centres, no antialiasing:
 * TF2's ResizeBilinear kernel), then {@code 2·x/255 − 1}; every frame, context included. Output layout
 * (3, T, 224, 224) for the I3D graph.
 */
final class Preprocess {

    static final int SIZE = 224;

    private Preprocess() {
    }

    /** The pixel value after {@code convert} and {@code * 255.0}: float32(float32(b / 255) * 255). */
    static float pixel(byte b) {
        float x = (b & 0xFF) / 255.0f;
        return x * 255.0f;
    }

    /** {@code 2. * x / 255. - 1} in float32. */
    static float scale(float x) {
        return 2.0f * x / 255.0f - 1.0f;
    }

    /** TF's half-pixel bilinear sampling positions for one axis: lower, upper index and weight. */
    record Axis(int[] lower, int[] upper, float[] lerp) {
        static Axis of(int in, int out) {
            float scale = (float) in / out;
            int[] lo = new int[out];
            int[] hi = new int[out];
            float[] w = new float[out];
            for (int i = 0; i < out; i++) {
                float src = (i + 0.5f) * scale - 0.5f;
                float f = (float) Math.floor(src);
                lo[i] = Math.max((int) f, 0);
                hi[i] = Math.min((int) Math.ceil(src), in - 1);
                w[i] = src - f;
            }
            return new Axis(lo, hi, w);
        }
    }

    /**
     * Resizes frame {@code t} of an HWC uint8 video to {@code outH × outW} (after {@link #pixel}), writing
     * channel c's plane at {@code dst[at + c·planeStride + y·outW + x]}; values are {@link #scale}d when
     * {@code scaled}.
     */
    static void resizeFrame(byte[] px, int from, int h, int w, Axis ys, Axis xs, float[] dst, int at, int planeStride,
                            boolean scaled) {
        int outH = ys.lower.length;
        int outW = xs.lower.length;
        for (int y = 0; y < outH; y++) {
            int r0 = from + ys.lower[y] * w * 3;
            int r1 = from + ys.upper[y] * w * 3;
            float yl = ys.lerp[y];
            for (int x = 0; x < outW; x++) {
                int c0 = xs.lower[x] * 3;
                int c1 = xs.upper[x] * 3;
                float xl = xs.lerp[x];
                for (int c = 0; c < 3; c++) {
                    float tl = pixel(px[r0 + c0 + c]);
                    float tr = pixel(px[r0 + c1 + c]);
                    float bl = pixel(px[r1 + c0 + c]);
                    float br = pixel(px[r1 + c1 + c]);
                    float top = tl + (tr - tl) * xl;
                    float bottom = bl + (br - bl) * xl;
                    float v = top + (bottom - top) * yl;
                    dst[at + c * planeStride + y * outW + x] = scaled ? scale(v) : v;
                }
            }
        }
    }

    /** {@link #pixel} of every byte value. */
    private static final float[] PIXEL = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            PIXEL[b] = pixel((byte) b);
        }
    }

    /**
     * {@link #resizeFrame}, scaled, computed separably: each input row's horizontal lerps
     * ({@code top}, {@code bottom} of the kernel, which depend only on the row) once per row instead of
     * once per output row that reads it, then the vertical lerp. The same float32 operations on the
     * same operands in the same order, so bit for bit the same values ({@code PreprocessTest} checks
     * it), about 3× fewer operations for 64×64 → 224×224.
     *
     * @param rows scratch of at least {@code h · 3 · outW} floats
     * @param done scratch of at least {@code h} flags
     */
    static void resizeFrameSeparable(byte[] px, int from, int h, int w, Axis ys, Axis xs, float[] dst, int at,
                                     int planeStride, float[] rows, boolean[] done) {
        int outH = ys.lower.length;
        int outW = xs.lower.length;
        int[] xl0 = xs.lower;
        int[] xl1 = xs.upper;
        float[] xw = xs.lerp;
        java.util.Arrays.fill(done, 0, h, false);
        for (int y = 0; y < outH; y++) {
            int r0 = ys.lower[y];
            int r1 = ys.upper[y];
            horizontal(px, from, w, r0, xl0, xl1, xw, rows, done);
            horizontal(px, from, w, r1, xl0, xl1, xw, rows, done);
            float yl = ys.lerp[y];
            int top = r0 * 3 * outW;
            int bottom = r1 * 3 * outW;
            for (int c = 0; c < 3; c++) {
                int o = at + c * planeStride + y * outW;
                int t0 = top + c * outW;
                int b0 = bottom + c * outW;
                for (int x = 0; x < outW; x++) {
                    float t = rows[t0 + x];
                    float v = t + (rows[b0 + x] - t) * yl;
                    dst[o + x] = 2.0f * v / 255.0f - 1.0f;
                }
            }
        }
    }

    /** Row {@code r}'s horizontal lerps, channel-major, into {@code rows[r·3·outW ..]}, once. */
    private static void horizontal(byte[] px, int from, int w, int r, int[] lo, int[] hi, float[] wt, float[] rows,
                                   boolean[] done) {
        if (done[r]) {
            return;
        }
        done[r] = true;
        int outW = lo.length;
        int row = from + r * w * 3;
        int base = r * 3 * outW;
        for (int c = 0; c < 3; c++) {
            int o = base + c * outW;
            for (int x = 0; x < outW; x++) {
                float tl = PIXEL[px[row + lo[x] * 3 + c] & 0xFF];
                float tr = PIXEL[px[row + hi[x] * 3 + c] & 0xFF];
                rows[o + x] = tl + (tr - tl) * wt[x];
            }
        }
    }

    /** A whole (T, H, W, 3) video as the I3D input (3, T, 224, 224), scaled to [-1, 1]. */
    static float[] video(byte[] px, int frames, int h, int w) {
        float[] out = new float[3 * frames * SIZE * SIZE];
        video(px, frames, h, w, out);
        return out;
    }

    /** {@link #video(byte[], int, int, int)} into {@code out} (at least 3·T·224·224 floats, reusable). */
    static void video(byte[] px, int frames, int h, int w, float[] out) {
        Axis ys = Axis.of(h, SIZE);
        Axis xs = Axis.of(w, SIZE);
        int plane = SIZE * SIZE;
        int fb = h * w * 3;
        float[] rows = new float[h * 3 * SIZE];
        boolean[] done = new boolean[h];
        for (int t = 0; t < frames; t++) {
            resizeFrameSeparable(px, t * fb, h, w, ys, xs, out, t * plane, frames * plane, rows, done);
        }
    }
}
