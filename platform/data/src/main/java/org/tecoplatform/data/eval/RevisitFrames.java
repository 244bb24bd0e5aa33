package org.tecoplatform.data.eval;

import org.tecoplatform.api.Video;

/**
 * Finds the scored frames that show again what a context frame showed: a real frame after the
 * context equal, up to a tiny mean squared error, to one of the real context frames. These are
 * the frames where a model that keeps its context in view can be exact and one that forgot it
 * cannot, which is TECO's long-horizon consistency claim. Needs no dataset metadata: a
 * deterministic renderer (the maze) repeats a pose's frame byte for byte; a camera rarely does.
 */
public final class RevisitFrames {

    /** Mean squared error per channel value (0..255 scale) at or below which two frames count as the same view. */
    public static final double MAX_MSE = 0.5;

    private RevisitFrames() {
    }

    /** The indices t in {@code [contextFrames, T)} of {@code real}'s revisiting frames, ascending. */
    public static int[] find(Video real, int contextFrames) {
        int frames = real.frames();
        int fb = real.frameBytes();
        byte[] px = real.pixels();
        // Comparing stops once the error passes this bound, so unlike frames cost little.
        long maxSse = (long) Math.floor(MAX_MSE * fb);
        int[] out = new int[Math.max(0, frames - contextFrames)];
        int n = 0;
        for (int t = contextFrames; t < frames; t++) {
            for (int c = 0; c < contextFrames; c++) {
                if (close(px, t * fb, c * fb, fb, maxSse)) {
                    out[n++] = t;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean close(byte[] px, int a, int b, int length, long maxSse) {
        long sse = 0;
        for (int i = 0; i < length; i++) {
            int d = (px[a + i] & 0xff) - (px[b + i] & 0xff);
            sse += d * d;
            if (sse > maxSse) {
                return false;
            }
        }
        return true;
    }
}
