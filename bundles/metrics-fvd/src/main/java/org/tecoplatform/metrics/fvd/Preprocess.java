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

    /** A whole (T, H, W, 3) video as the I3D input (3, T, 224, 224), scaled to [-1, 1]. */
    static float[] video(byte[] px, int frames, int h, int w) {
        Axis ys = Axis.of(h, SIZE);
        Axis xs = Axis.of(w, SIZE);
        int plane = SIZE * SIZE;
        float[] out = new float[3 * frames * plane];
        int fb = h * w * 3;
        for (int t = 0; t < frames; t++) {
            resizeFrame(px, t * fb, h, w, ys, xs, out, t * plane, frames * plane, true);
        }
        return out;
    }
}
