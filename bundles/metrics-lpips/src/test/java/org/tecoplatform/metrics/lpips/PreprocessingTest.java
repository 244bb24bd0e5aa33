package org.tecoplatform.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tecoplatform.npz.NpzReader;

/**
 * Acceptance check 3 for LPIPS: the scaling the original applies before lpips_jax (teco/metrics.py:
 * {@code frames / np.float32(255)}, then {@code 2 * x - 1}, float32), for every byte value, bit for bit
 * against numpy; and the HWC to CHW layout on a known frame.
 */
class PreprocessingTest {

    @Test
    void everyByteScalesAsNumpyDoes() throws Exception {
        try (NpzReader npz = NpzReader.open(LpipsFixtures.resources().resolve("lpips-fixture.npz"))) {
            byte[] bytes = npz.read("pin_bytes").toUint8();
            float[] want = npz.read("pin_scaled").toFloats();
            assertThat(bytes).hasSize(256);
            for (int i = 0; i < 256; i++) {
                assertThat(Float.floatToIntBits(LpipsSession.scale(bytes[i]))).as("byte %d", i)
                        .isEqualTo(Float.floatToIntBits(want[i]));
            }
        }
        assertThat(LpipsSession.scale((byte) 0)).isEqualTo(-1f);
        assertThat(LpipsSession.scale((byte) 255)).isEqualTo(1f);
    }

    @Test
    void framesBecomeChannelPlanes() {
        // a 1x2 frame: pixel 0 = (0, 255, 51), pixel 1 = (255, 0, 102)
        byte[] px = {0, (byte) 255, 51, (byte) 255, 0, 102};
        float[] out = new float[7];
        LpipsSession.toNchw(px, 0, 1, 2, out, 1);
        assertThat(out).containsExactly(0f, -1f, 1f, 1f, -1f, LpipsSession.scale((byte) 51), LpipsSession.scale((byte) 102));
    }
}
