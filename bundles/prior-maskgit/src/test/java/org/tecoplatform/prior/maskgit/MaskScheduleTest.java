package org.tecoplatform.prior.maskgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskScheduleTest {

    private final MaskSchedule cosine = MaskSchedule.parse("cosine");

    @Test
    void cosineValuesAndClip() {
        assertThat(cosine.ratio(0, 64)).isEqualTo(1.0);
        assertThat(cosine.ratio(0.5, 64)).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(cosine.ratio(1.0 / 3, 64)).isCloseTo(Math.sqrt(3) / 2, within(1e-15));
        // cos(π/2) ≈ 6e-17 is clipped to the original's floor.
        assertThat(cosine.ratio(1, 64)).isEqualTo(1e-6);
    }

    @Test
    void theOriginalsOtherSchedules() {
        assertThat(MaskSchedule.parse("uniform").ratio(0.25, 64)).isEqualTo(0.75);
        assertThat(MaskSchedule.parse("pow2").ratio(0.5, 64)).isEqualTo(0.75);
        assertThat(MaskSchedule.parse("pow0.5").ratio(0.25, 64)).isEqualTo(0.5);
        // -log2(r)/log2(64): r = 1/8 → 3/6.
        assertThat(MaskSchedule.parse("log").ratio(0.125, 64)).isCloseTo(0.5, within(1e-12));
        assertThat(MaskSchedule.parse("log").ratio(0, 64)).isEqualTo(1.0);
        // 1 − 2^(−6·(1 − r)): r = 0.5 → 1 − 1/8.
        assertThat(MaskSchedule.parse("exp").ratio(0.5, 64)).isCloseTo(0.875, within(1e-12));
        assertThat(MaskSchedule.parse("exp").ratio(1, 64)).isEqualTo(1e-6);
        assertThatThrownBy(() -> MaskSchedule.parse("linear")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskSchedule.parse("powx")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsAtTheEdges() {
        assertThat(cosine.count(0, 64)).isEqualTo(64);
        assertThat(cosine.count(0.01, 64)).isEqualTo(63); // ratio 0.9997: floor takes one off
        assertThat(cosine.count(1, 64)).isEqualTo(1);
        assertThat(cosine.count(0.999999, 64)).isEqualTo(1);
        assertThat(cosine.count(0.5, 64)).isEqualTo(45); // ⌊64·0.7071⌋
        assertThat(cosine.count(0.3, 1)).isEqualTo(1);
    }

    @Test
    void drawsMasksWithTheScheduledCount() {
        float[] out = new float[50 * 16];
        SplittableRandom check = new SplittableRandom(3);
        cosine.draw(new SplittableRandom(3), 50, 16, out);
        for (int i = 0; i < 50; i++) {
            int k = cosine.count(check.nextDouble(), 16);
            check.nextInt(16); // the permutation's draws, replayed
            for (int j = 15; j > 1; j--) {
                check.nextInt(j);
            }
            int masked = 0;
            for (int j = 0; j < 16; j++) {
                assertThat(out[i * 16 + j]).isIn(0f, 1f);
                masked += (int) out[i * 16 + j];
            }
            assertThat(masked).as("item " + i).isEqualTo(k);
        }
    }

    @Test
    void everyPositionIsMaskedEquallyOften() {
        // Over many draws each position's masking frequency is E[k]/L; E[k] by Monte Carlo on the schedule.
        int items = 20000;
        int length = 10;
        float[] out = new float[items * length];
        cosine.draw(new SplittableRandom(11), items, length, out);
        double[] freq = new double[length];
        double total = 0;
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < length; j++) {
                freq[j] += out[i * length + j];
                total += out[i * length + j];
            }
        }
        double mean = total / items / length;
        // E[max(1, ⌊10·cos(πr/2)⌋)]/10 for r ~ U(0,1) is about 0.59.
        assertThat(mean).isBetween(0.55, 0.63);
        for (int j = 0; j < length; j++) {
            // Binomial-ish standard error ≈ sqrt(0.24/20000) ≈ 0.0035: 5 sigma.
            assertThat(freq[j] / items).as("position " + j).isCloseTo(mean, within(0.018));
        }
    }

    @Test
    void sameSeedSameMasks() {
        float[] a = new float[8 * 64];
        float[] b = new float[8 * 64];
        cosine.draw(new SplittableRandom(5), 8, 64, a);
        cosine.draw(new SplittableRandom(5), 8, 64, b);
        assertThat(a).containsExactly(b);
        cosine.draw(new SplittableRandom(6), 8, 64, b);
        assertThat(a).isNotEqualTo(b);
    }
}
