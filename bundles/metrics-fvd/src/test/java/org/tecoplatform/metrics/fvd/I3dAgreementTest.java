package org.tecoplatform.metrics.fvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;

/**
 * Acceptance check 1 for FVD: the random-weight I3D that tools/i3d_to_onnx.py converted from a
 * TorchScript file gives on ONNX Runtime, after this bundle's preprocessing, the features the
 * independent PyTorch definition gives on the original's preprocessing (within 1e-4).
 */
class I3dAgreementTest {

    @Test
    void featuresMatchPyTorch() throws Exception {
        try (NpzReader npz = NpzReader.open(I3dFixtures.npz());
             I3dModel model = I3dModel.load(I3dFixtures.modelDir(), "fvd.model", 0)) {
            NpyArray v = npz.read("video");
            byte[] px = v.toUint8();
            float[] want = npz.read("features").toFloats();
            assertThat(model.minFrames()).isEqualTo(9);
            // The check means something only if the features depend on the video by far more than the
            // bound: a random I3D whose logits are its biases' constant (PyTorch's default init over ~20
            // units) gives every video the same features, and any preprocessing would then pass.
            double spread = 0;
            for (int i = 0; i < 400; i++) {
                spread = Math.max(spread, Math.abs(want[i] - want[400 + i]));
            }
            assertThat(spread).as("largest feature difference between the fixture's two videos").isGreaterThan(1000 * 1e-4);
            double worst = 0;
            for (int n = 0; n < v.shape()[0]; n++) {
                float[] got = model.embed(I3dFixtures.video(v.shape(), px, n));
                assertThat(got).hasSize(400);
                for (int i = 0; i < 400; i++) {
                    assertThat((double) got[i]).as("video %d feature %d", n, i).isCloseTo(want[n * 400 + i], within(1e-4));
                    worst = Math.max(worst, Math.abs(got[i] - want[n * 400 + i]));
                }
            }
            // The reused input buffer: a shorter video after a longer one and the longer one again give what a
            // fresh whole-video preprocessing gives (the same ONNX Runtime output, bit for bit).
            org.tecoplatform.api.Video v0 = I3dFixtures.video(v.shape(), px, 0);
            float[] first = model.embed(v0);
            org.tecoplatform.api.Video part = v0.slice(3, 10);
            assertThat(model.embed(part)).containsExactly(model.run(Preprocess.video(part.pixels(), 10, part.height(),
                    part.width()), 10));
            assertThat(model.embed(v0)).containsExactly(first);
            System.out.printf("I3D ORT vs PyTorch: max abs feature error %.3e (the two videos' features differ by up to %.3g)%n",
                    worst, spread);
        }
    }
}
