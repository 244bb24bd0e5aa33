package org.tecoplatform.dataset.kinetics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kept square: centred, as wide as the shorter side, offsets on even pixels. */
class CenterCropTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({
            // width, height, left, top, side
            "96, 72, 12, 0, 72",
            "72, 96, 0, 12, 72",
            "64, 64, 0, 0, 64",
            "340, 256, 42, 0, 256",
            "1920, 1080, 420, 0, 1080",
            // (99 - 72) / 2 = 13 is odd: the crop starts on the chroma sample at 12.
            "99, 72, 12, 0, 72",
            "101, 72, 14, 0, 72",
            "8192, 2, 4094, 0, 2"})
    void keepsTheCentreSquare(int width, int height, int left, int top, int side) {
        CenterCrop crop = CenterCrop.of(width, height);
        assertThat(crop).isEqualTo(new CenterCrop(left, top, side));
        assertThat(crop.right(width)).isEqualTo(width - left - side).isNotNegative();
        assertThat(crop.bottom(height)).isEqualTo(height - top - side).isNotNegative();
    }
}
