package org.tecoplatform.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void optaxWarmupCosineDecay() {
        // init 0, peak 1, warmup 4, decay_steps 12 (total length): cosine over 8 steps.
        LearningRateSchedule s = LearningRateSchedule.warmupCosineDecay(0, 1, 4, 12, 0);
        assertThat(s.at(0)).isEqualTo(0.0);
        assertThat(s.at(1)).isCloseTo(0.25, offset(1e-15));
        assertThat(s.at(3)).isCloseTo(0.75, offset(1e-15));
        assertThat(s.at(4)).isCloseTo(1.0, offset(1e-15));
        assertThat(s.at(6)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 2 / 8)), offset(1e-15));
        assertThat(s.at(8)).isCloseTo(0.5, offset(1e-15));
        assertThat(s.at(12)).isCloseTo(0.0, offset(1e-15));
        assertThat(s.at(100)).isCloseTo(0.0, offset(1e-15));
        // A non-zero end value is the floor.
        LearningRateSchedule e = LearningRateSchedule.warmupCosineDecay(0.1, 1, 2, 4, 0.2);
        assertThat(e.at(0)).isCloseTo(0.1, offset(1e-15));
        assertThat(e.at(1)).isCloseTo(0.55, offset(1e-15));
        assertThat(e.at(3)).isCloseTo(0.6, offset(1e-15));
        assertThat(e.at(9)).isCloseTo(0.2, offset(1e-15));
    }

    @Test
    void tecoCosineReachesZeroAtTotalMinusWarmupAsTheOriginalDoes() {
        // get_learning_rate_fn: decay_steps = total − warmup, which optax counts warm-up included.
        LearningRateSchedule s = LearningRateSchedule.tecoCosine(1e-4, 5, 25);
        assertThat(s.at(0)).isEqualTo(0.0);
        assertThat(s.at(5)).isCloseTo(1e-4, offset(1e-18));
        assertThat(s.at(12)).isGreaterThan(0.5e-4);
        assertThat(s.at(20)).isCloseTo(0.0, offset(1e-18));
        assertThat(s.at(25)).isCloseTo(0.0, offset(1e-18));
        // The DESIGN reading: zero exactly at total.
        LearningRateSchedule t = LearningRateSchedule.warmupCosineToTotal(1e-4, 5, 25);
        assertThat(t.at(15)).isCloseTo(0.5e-4, offset(1e-18));
        assertThat(t.at(20)).isGreaterThan(0.0);
        assertThat(t.at(25)).isCloseTo(0.0, offset(1e-18));
    }

    @Test
    void warmupConstantAndValidation() {
        LearningRateSchedule c = LearningRateSchedule.warmupConstant(2, 4);
        assertThat(c.at(0)).isEqualTo(0.0);
        assertThat(c.at(2)).isEqualTo(1.0);
        assertThat(c.at(4)).isEqualTo(2.0);
        assertThat(c.at(1000)).isEqualTo(2.0);
        assertThat(LearningRateSchedule.warmupCosineDecay(0, 1, 0, 4, 0).at(0)).isEqualTo(1.0);
        assertThatThrownBy(() -> LearningRateSchedule.warmupCosineDecay(0, 1, 5, 5, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void underATimeBudgetTheScheduleRunsAtWhicheverOfStepsAndTimeIsFurther() {
        LearningRateSchedule base = LearningRateSchedule.warmupCosineToTotal(1.0, 10, 110);
        double[] elapsed = {0};
        LearningRateSchedule s = LearningRateSchedule.underTimeBudget(base, 10, 110, 60, () -> elapsed[0]);
        assertThat(s.at(5)).isEqualTo(base.at(5));
        assertThat(s.at(20)).isEqualTo(base.at(20));
        elapsed[0] = 30;
        assertThat(s.at(20)).as("half the budget: half of the decay").isEqualTo(base.at(60));
        elapsed[0] = 90;
        assertThat(s.at(20)).isEqualTo(base.at(110));
        assertThat(LearningRateSchedule.underTimeBudget(base, 10, 110, 0, () -> 1e9)).isSameAs(base);
    }
}
