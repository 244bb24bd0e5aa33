package org.tecoplatform.metrics.fvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;

/**
 * Acceptance check 3 for FVD: the resize (tf.image.resize bilinear, half-pixel centres, no antialias)
 * and the scaling (x/255·255, then 2x/255 − 1) on known inputs, against the numpy transcription of TF's
 * kernel in tools/i3d_to_onnx.py (up- and downsampling), and the full preprocessing of a real video.
 */
class PreprocessTest {

    @Test
    void resizeMatchesTfUpAndDown() throws Exception {
        try (NpzReader npz = NpzReader.open(I3dFixtures.npz())) {
            byte[] in = npz.read("resize_in").toUint8();
            for (String key : new String[] {"resize_out", "resize_down"}) {
                NpyArray want = npz.read(key);
                int oh = want.shape()[1];
                int ow = want.shape()[2];
                float[] got = new float[3 * oh * ow];
                Preprocess.resizeFrame(in, 0, 3, 5, Preprocess.Axis.of(3, oh), Preprocess.Axis.of(5, ow), got, 0, oh * ow, false);
                float[] w = want.toFloats();
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        for (int c = 0; c < 3; c++) {
                            assertThat(got[c * oh * ow + y * ow + x]).as("%s (%d,%d,%d)", key, y, x, c)
                                    .isCloseTo(w[(y * ow + x) * 3 + c], within(1e-4f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSeparableResizeGivesTheKernelsValuesBitForBit() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        int plane = Preprocess.SIZE * Preprocess.SIZE;
        for (int[] hw : new int[][] {{64, 64}, {37, 50}, {300, 260}, {1, 7}, {224, 224}, {128, 96}}) {
            int h = hw[0];
            int w = hw[1];
            byte[] px = new byte[3 * h * w * 3];
            rng.nextBytes(px);
            float[] fast = Preprocess.video(px, 3, h, w);
            float[] kernel = new float[fast.length];
            Preprocess.Axis ys = Preprocess.Axis.of(h, Preprocess.SIZE);
            Preprocess.Axis xs = Preprocess.Axis.of(w, Preprocess.SIZE);
            for (int t = 0; t < 3; t++) {
                Preprocess.resizeFrame(px, t * h * w * 3, h, w, ys, xs, kernel, t * plane, 3 * plane, true);
            }
            // Arrays.equals on floats compares floatToIntBits: the very same values, not close ones.
            assertThat(java.util.Arrays.equals(fast, kernel)).as("%dx%d", h, w).isTrue();
        }
    }

    @Test
    void halfPixelPositionsAndScaling() {
        // 2 -> 4 pixels: sources -0.25, 0.25, 0.75, 1.25 -> (0,0,.75) (0,1,.25) (0,1,.75) (1,1,.25)
        Preprocess.Axis a = Preprocess.Axis.of(2, 4);
        assertThat(a.lower()).containsExactly(0, 0, 0, 1);
        assertThat(a.upper()).containsExactly(0, 1, 1, 1);
        assertThat(a.lerp()).containsExactly(0.75f, 0.25f, 0.75f, 0.25f);
        assertThat(Preprocess.scale(Preprocess.pixel((byte) 0))).isEqualTo(-1f);
        assertThat(Preprocess.scale(Preprocess.pixel((byte) 255))).isEqualTo(1f);
        assertThat(Preprocess.scale(Preprocess.pixel((byte) 51))).isCloseTo(-0.6f, within(1e-6f));
    }

    @Test
    void wholeVideoMatchesTheOriginalsPreprocessing() throws Exception {
        try (NpzReader npz = NpzReader.open(I3dFixtures.npz())) {
            NpyArray v = npz.read("video");
            int[] s = v.shape();
            float[] all = Preprocess.video(java.util.Arrays.copyOf(v.toUint8(), s[1] * s[2] * s[3] * s[4]), s[1], s[2], s[3]);
            float[] want = npz.read("scaled_corner").toFloats(); // (3, 2, 8, 8)
            int plane = 224 * 224;
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < 2; t++) {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            assertThat(all[c * s[1] * plane + t * plane + y * 224 + x])
                                    .isCloseTo(want[((c * 2 + t) * 8 + y) * 8 + x], within(1e-6f));
                        }
                    }
                }
            }
        }
    }
}
