package org.tecoplatform.nn.train;

/**
 * A learning rate per optimiser step count (the number of updates already applied: optax
 * evaluates the schedule at the count <em>before</em> incrementing it, so the first update uses
 * {@code lr(0)}).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    double at(long count);

    /** A constant rate. */
    static LearningRateSchedule constant(double lr) {
        return count -> lr;
    }

    /**
     * {@code optax.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
     * end_value)}: linear from {@code init} to {@code peak} over {@code warmupSteps}, then cosine
     * from {@code peak} to {@code end} over {@code decaySteps − warmupSteps} steps (optax's
     * {@code decay_steps} is the schedule's total length, warm-up included), then {@code end}.
     */
    static LearningRateSchedule warmupCosineDecay(double init, double peak, long warmupSteps, long decaySteps, double end) {
        if (warmupSteps < 0 || decaySteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warmup_steps < decay_steps, got " + warmupSteps + ", " + decaySteps);
        }
        long cosineSteps = decaySteps - warmupSteps;
        return count -> {
            if (count < warmupSteps) {
                // optax.linear_schedule: (init − end)·(1 − count/steps) + end
                double frac = 1 - (double) count / warmupSteps;
                return (init - peak) * frac + peak;
            }
            // optax.cosine_decay_schedule(peak, cosineSteps, alpha = end/peak) at count − warmup
            double c = Math.min(count - warmupSteps, cosineSteps);
            double cosine = 0.5 * (1 + Math.cos(Math.PI * c / cosineSteps));
            return (peak - end) * cosine + end;
        };
    }

    /**
     * The original TECO's {@code lr_schedule: cosine} exactly as {@code get_learning_rate_fn} builds
     * it: {@code warmup_cosine_decay_schedule(0, lr, warmup_steps, decay_steps=total_steps −
     * warmup_steps)}. Because optax's decay_steps already includes the warm-up, the rate reaches 0
     * at step {@code total − warmup} (not at {@code total}) and stays 0 after.
     */
    static LearningRateSchedule tecoCosine(double lr, long warmupSteps, long totalSteps) {
        return warmupCosineDecay(0, lr, warmupSteps, totalSteps - warmupSteps, 0);
    }

    /** Linear warm-up from 0 over {@code warmupSteps}, then cosine decay reaching 0 exactly at {@code totalSteps}. */
    static LearningRateSchedule warmupCosineToTotal(double lr, long warmupSteps, long totalSteps) {
        return warmupCosineDecay(0, lr, warmupSteps, totalSteps, 0);
    }

    /** The original's {@code lr_schedule: constant}: linear warm-up from 0, then {@code lr}. */
    static LearningRateSchedule warmupConstant(double lr, long warmupSteps) {
        return count -> warmupSteps > 0 && count < warmupSteps ? lr * count / warmupSteps : lr;
    }

    /**
     * {@code base} for a run bounded by a time budget as well as by {@code totalSteps}: after the
     * warm-up the schedule runs at whichever of the step count and the elapsed share of the budget
     * is further along, so a run stopped by time still anneals its learning rate. A budget ≤ 0
     * means no budget ({@code base} as it is).
     */
    static LearningRateSchedule underTimeBudget(LearningRateSchedule base, long warmupSteps, long totalSteps, double budgetSeconds,
            java.util.function.DoubleSupplier elapsedSeconds) {
        if (budgetSeconds <= 0) {
            return base;
        }
        return count -> {
            if (count < warmupSteps) {
                return base.at(count);
            }
            double f = Math.min(1, elapsedSeconds.getAsDouble() / budgetSeconds);
            long byTime = warmupSteps + (long) ((totalSteps - warmupSteps) * f);
            return base.at(Math.max(count, byTime));
        };
    }
}
