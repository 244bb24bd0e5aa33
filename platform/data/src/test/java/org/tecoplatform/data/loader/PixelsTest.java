package org.tecoplatform.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void mapsTheByteRangeOntoMinusOneToOne() {
        assertThat(Pixels.toUnit((byte) 0)).isEqualTo(-1f);
        assertThat(Pixels.toUnit((byte) 255)).isEqualTo(1f);
        assertThat(Pixels.toUnit((byte) 51)).isEqualTo(-0.6f);
        assertThat(Pixels.toUnit((byte) 204)).isEqualTo(0.6f);
        // 127 and 128 straddle zero symmetrically.
        assertThat(Pixels.toUnit((byte) 127)).isEqualTo(-Pixels.toUnit((byte) 128));
        for (int x = 1; x < 256; x++) {
            assertThat(Pixels.toUnit((byte) x)).isGreaterThan(Pixels.toUnit((byte) (x - 1)));
        }
    }

    @Test
    void convertsARangeOfAnArray() {
        byte[] src = {9, 0, (byte) 255, 51, 9};
        float[] dst = {7, 7, 7, 7, 7};
        Pixels.toUnit(src, 1, dst, 2, 3);
        assertThat(dst).containsExactly(7f, 7f, -1f, 1f, -0.6f);
        assertThatThrownBy(() -> Pixels.toUnit(src, 3, dst, 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Pixels.toUnit(src, 0, dst, 4, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
