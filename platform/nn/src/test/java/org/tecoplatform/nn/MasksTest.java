package org.tecoplatform.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void frameCausalLetsATokenSeeItsOwnAndEarlierFramesOnly() {
        // 3 frames × 2 tokens: tril(ones(3,3)) repeated 2× on both axes.
        boolean[] m = Masks.frameCausal(3, 2);
        String[] want = {
            "110000",
            "110000",
            "111100",
            "111100",
            "111111",
            "111111",
        };
        for (int i = 0; i < 6; i++) {
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < 6; j++) {
                row.append(m[i * 6 + j] ? '1' : '0');
            }
            assertThat(row.toString()).as("row " + i).isEqualTo(want[i]);
        }
    }

    @Test
    void oneTokenPerFrameIsTheOrdinaryCausalMask() {
        boolean[] m = Masks.frameCausal(4, 1);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(m[i * 4 + j]).isEqualTo(j <= i);
            }
        }
    }

    @Test
    void fullMaskAndAdditiveBias() {
        boolean[] full = Masks.full(3);
        assertThat(full).hasSize(9).doesNotContain(false);
        float[] bias = Masks.additiveBias(Masks.frameCausal(2, 1));
        assertThat(bias).containsExactly(0f, -1e10f, 0f, 0f);
        assertThat(Masks.side(full)).isEqualTo(3);
        assertThatThrownBy(() -> Masks.side(new boolean[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masks.frameCausal(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
